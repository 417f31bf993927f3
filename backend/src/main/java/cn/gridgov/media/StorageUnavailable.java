package cn.gridgov.media;

import cn.gridgov.common.error.RetryLater;

/** Object storage did not answer or refused to store: nothing was recorded, the client may retry. */
public class StorageUnavailable extends RetryLater {

    public StorageUnavailable() {
        super(503, "STORAGE_UNAVAILABLE", "图片存储服务暂时不可用，请稍后重试",
                "Object storage is unavailable; please retry later", 30);
    }
}
