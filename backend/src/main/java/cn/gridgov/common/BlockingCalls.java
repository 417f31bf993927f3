package cn.gridgov.common;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

import java.util.concurrent.Callable;

/**
 * Runs a blocking call (image decoding, the MinIO client) on the worker pool and comes back to the
 * caller's Vert.x context, so Hibernate Reactive can be used again right after.
 */
public final class BlockingCalls {

    private BlockingCalls() {
    }

    public static <T> Uni<T> onWorker(Callable<T> work) {
        Context context = Vertx.currentContext();
        Uni<T> uni = Uni.createFrom().item(() -> {
            try {
                return work.call();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new BlockingCallFailed(e);
            }
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
        return context == null ? uni : uni.emitOn(task -> context.runOnContext(ignored -> task.run()));
    }

    /** A checked exception thrown by a blocking call, carried through Mutiny unchanged as the cause. */
    public static final class BlockingCallFailed extends RuntimeException {
        BlockingCallFailed(Exception cause) {
            super(cause.getMessage(), cause);
        }
    }
}
