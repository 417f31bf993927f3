package cn.gridgov.media;

import cn.gridgov.common.error.Unavailable;

/** Object storage did not answer or refused to store: nothing was recorded, the client may retry. */
public class StorageUnavailable extends Unavailable {

    public StorageUnavailable() {
        super("STORAGE_UNAVAILABLE", "图片存储服务暂时不可用，请稍后重试",
                "Object storage is unavailable; please retry later", 30);
    }
}
