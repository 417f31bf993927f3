package cn.gridgov.media;

/**
 * A decoded photo turned into what we show: its upright size, an EXIF-free display copy and a thumbnail
 * (both re-encoded, so no metadata of the original survives).
 */
public record ProcessedImage(int width, int height, byte[] display, String displayContentType, String displayExtension,
                             byte[] thumbnail) {

    public static final String THUMBNAIL_CONTENT_TYPE = "image/jpeg";
}
