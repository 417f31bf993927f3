package cn.gridgov.media;

import cn.gridgov.common.error.Unavailable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Bounds how many photos are decoded at once ({@code gridgov.media.decode-slots}): a decoded photo takes up to
 * {@code max-pixels} × 4 bytes, so many at once would exhaust the memory. Past the slots an upload waits up to
 * {@code decode-wait}, then is answered 503 with Retry-After. Blocking: call it on a worker thread.
 */
@ApplicationScoped
public class DecodeSlots {

    private final Semaphore slots;
    private final Duration wait;

    @Inject
    public DecodeSlots(MediaConfig config) {
        this(config.decodeSlots(), config.decodeWait());
    }

    DecodeSlots(int slots, Duration wait) {
        this.slots = new Semaphore(Math.max(0, slots));
        this.wait = wait;
    }

    /** Runs {@code decode} in a slot, or refuses with 503 when none frees up in time. */
    public <T> T run(Supplier<T> decode) {
        boolean acquired;
        try {
            acquired = slots.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            acquired = false;
        }
        if (!acquired) {
            long retryAfter = Math.max(1, (wait.toMillis() + 999) / 1000);
            throw new Unavailable("MEDIA_BUSY", "服务器正忙，正在处理其他图片，请 " + retryAfter + " 秒后重新上传",
                    "The server is busy processing other images; please upload again in " + retryAfter + " s",
                    retryAfter);
        }
        try {
            return decode.get();
        } finally {
            slots.release();
        }
    }
}
