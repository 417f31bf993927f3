package cn.gridgov.notify.feed;

import cn.gridgov.notify.feed.FeedSession.FeedFrame;
import io.netty.channel.EventLoop;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The feed connections of one event loop, and the events waiting to reach them. Events are queued from any
 * thread; one task on the loop hands every waiting event to every connection and flushes each connection
 * once. So when the loop is busy, events gather and each connection gets them in one write: the cost of a
 * burst grows with the number of connections, not with connections × events.
 */
final class FeedLoop implements Runnable {

    private final EventLoop loop;
    /** Touched only on {@link #loop}. */
    private final List<FeedSession> sessions = new ArrayList<>();
    private final Queue<FeedFrame> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();

    FeedLoop(EventLoop loop) {
        this.loop = loop;
    }

    /** Runs {@code task} on this loop: now if already there, else as the loop's next task. */
    void execute(Runnable task) {
        if (loop.inEventLoop()) {
            task.run();
        } else {
            loop.execute(task);
        }
    }

    /** On the loop: the session receives every event delivered from now on. */
    void add(FeedSession session) {
        assert loop.inEventLoop();
        sessions.add(session);
    }

    /** From any thread; always as a later task, so never while a delivery run walks the list. */
    void remove(FeedSession session) {
        loop.execute(() -> sessions.remove(session));
    }

    /** From any thread: the event reaches this loop's connections on its next delivery run. */
    void offer(FeedFrame frame) {
        waiting.add(frame);
        if (scheduled.compareAndSet(false, true)) {
            loop.execute(this);
        }
    }

    /** The delivery run: every waiting event, to every connection, one flush each. */
    @Override
    public void run() {
        // cleared first: an event offered from here on schedules another run, so none is left waiting
        scheduled.set(false);
        List<FeedFrame> batch = new ArrayList<>();
        for (FeedFrame f = waiting.poll(); f != null; f = waiting.poll()) {
            batch.add(f);
        }
        if (batch.isEmpty()) {
            return;
        }
        for (FeedSession session : sessions) {
            for (FeedFrame frame : batch) {
                session.live(frame);
            }
            session.flush();
        }
    }
}
