package cn.gridgov.media;

import java.time.Instant;

/**
 * What a photo's EXIF says about where and when it was taken: WGS-84 position (GPS hardware), capture
 * time, and the orientation the camera recorded (1 = upright, as in the EXIF specification).
 */
public record PhotoExif(Double lng, Double lat, Instant takenAt, int orientation) {

    public static final PhotoExif NONE = new PhotoExif(null, null, null, 1);
}
