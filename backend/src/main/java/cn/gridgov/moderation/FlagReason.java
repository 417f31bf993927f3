package cn.gridgov.moderation;

/** Why an item waits for a moderator. */
public enum FlagReason {
    /** WeChat suggests a person looks at it. */
    REVIEW,
    /** WeChat found the photo risky: it is hidden until a moderator shows it again. */
    RISKY,
    /** WeChat could not be asked (down, or refused the check): accepted, and a person looks at it instead. */
    UNCHECKED
}
