package cn.gridgov.notify.feed;

import io.netty.channel.EventLoop;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The feed connections of one event loop, and the events waiting to reach them. Events are queued from any
 * thread; one task on the loop hands every waiting event to every connection and flushes each connection
 * once. So when the loop is busy, events gather and each connection gets them in one write: the cost of a
 * burst grows with the number of connections, not with connections × events. Runs are at least the batch
 * interval apart: an event that comes sooner waits for the next run, so a busy feed makes one write per
 * connection per interval, and a quiet one still delivers each event at once.
 */
final class FeedLoop implements Runnable {

    private final EventLoop loop;
    /** Touched only on {@link #loop}. */
    private final List<FeedSession> sessions = new ArrayList<>();
    private final Queue<FeedFrame> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final long intervalNanos;
    /** When the last delivery run that delivered began ({@link System#nanoTime()}); touched only on {@link #loop}. */
    private long lastRun;
    private boolean ranOnce;

    FeedLoop(EventLoop loop, Duration batchInterval) {
        this.loop = loop;
        this.intervalNanos = batchInterval.toNanos();
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
            loop.execute(this::runOrWait);
        }
    }

    /** On the loop: delivers now if the last run is an interval ago, else when it will be. */
    private void runOrWait() {
        long wait = ranOnce ? lastRun + intervalNanos - System.nanoTime() : 0;
        if (wait > 0) {
            loop.schedule(this, wait, TimeUnit.NANOSECONDS);
        } else {
            run();
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
            return; // its events went out with the run before: the interval counts from that one
        }
        lastRun = System.nanoTime();
        ranOnce = true;
        for (FeedSession session : sessions) {
            session.live(batch);
        }
    }
}
