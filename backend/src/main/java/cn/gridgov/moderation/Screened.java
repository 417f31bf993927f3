package cn.gridgov.moderation;

/**
 * What the text check of a submission found, before anything is stored: nothing to flag ({@link #CLEAR}), or a
 * flag to write with the submission ({@link ContentScreen#keep}). Risky text never gets here: it is refused.
 */
public record Screened(FlagKind kind, FlagReason reason, long authorId, String content, Integer label,
                       String traceId) {

    /** Nothing for a moderator. */
    public static final Screened CLEAR = new Screened(null, null, 0, null, null, null);

    public boolean flagged() {
        return reason != null;
    }
}
