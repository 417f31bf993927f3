package cn.gridgov.common.time;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for a condition the test cannot be told about (a NOTIFY, a lock, a replica): polled, never a fixed sleep. */
public final class Await {

    private static final long POLL_MS = 50;

    private Await() {
    }

    /** Returns once {@code condition} holds; fails naming {@code what} when it still does not after {@code wait}. */
    public static void until(String what, Duration wait, BooleanSupplier condition) {
        long end = System.nanoTime() + wait.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - end > 0) {
                throw new AssertionError(what + ": not within " + wait);
            }
            try {
                Thread.sleep(POLL_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(what + ": interrupted", e);
            }
        }
    }
}
