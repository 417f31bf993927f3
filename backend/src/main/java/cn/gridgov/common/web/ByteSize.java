package cn.gridgov.common.web;

/** Byte counts as people read them in messages: "256 KB", "10 MB", "10.5 MB". */
public final class ByteSize {

    private ByteSize() {
    }

    public static String human(long bytes) {
        if (bytes < 1024 * 1024) {
            return Math.max(1, Math.round(bytes / 1024.0)) + " KB";
        }
        double mb = bytes / 1024.0 / 1024.0;
        return (mb == Math.floor(mb) ? String.valueOf((long) mb) : String.format("%.1f", mb)) + " MB";
    }
}
