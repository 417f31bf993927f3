package cn.gridgov.common.error;

/** The record changed since the client read it (optimistic locking): reload and retry (409 STALE_VERSION). */
public class StaleVersion extends Conflict {

    public StaleVersion(String zh, String en) {
        super("STALE_VERSION", zh, en);
    }
}
