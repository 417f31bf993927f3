package cn.gridgov.moderation;

/** A moderator's decision on a flagged item. */
public enum Decision {
    /** The item is fine: shown (a hidden photo is served again). */
    SHOW(FlagStatus.SHOWN),
    /** The item is hidden: a photo is served to nobody, a request stays off the public board. */
    HIDE(FlagStatus.HIDDEN),
    /** Hidden, and its author warned: enough warnings mute them. */
    HIDE_AND_WARN(FlagStatus.HIDDEN);

    private final FlagStatus status;

    Decision(FlagStatus status) {
        this.status = status;
    }

    public FlagStatus status() {
        return status;
    }
}
