package cn.gridgov.moderation;

import cn.gridgov.wechat.ContentCheck;

/** What a moderation flag is about, and the WeChat scene its check runs in. */
public enum FlagKind {
    /** The text of a request (诉求): a post, like a forum's. */
    REQUEST(ContentCheck.Scene.FORUM),
    /** Text a resident added to an open request. */
    ADDITION(ContentCheck.Scene.COMMENT),
    /** The comment of a rating. */
    RATING(ContentCheck.Scene.COMMENT),
    /** A resident's photo. */
    PHOTO(ContentCheck.Scene.FORUM);

    private final ContentCheck.Scene scene;

    FlagKind(ContentCheck.Scene scene) {
        this.scene = scene;
    }

    public ContentCheck.Scene scene() {
        return scene;
    }
}
