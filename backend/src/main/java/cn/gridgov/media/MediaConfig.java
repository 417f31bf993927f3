package cn.gridgov.media;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * Limits and sizes for uploaded photos. Keep {@code quarkus.http.limits.max-body-size} a little above
 * {@link #maxBytes()} (multipart framing and other form fields come along), or large photos are refused
 * by the generic body limit instead of with the photo-specific message.
 */
@ConfigMapping(prefix = "gridgov.media")
public interface MediaConfig {

    /** The largest photo accepted, in bytes (10 MB). */
    @WithDefault("10485760")
    long maxBytes();

    /** The most pixels a photo may decode to (guards the memory against decompression bombs): 50 MP. */
    @WithDefault("50000000")
    long maxPixels();

    /** The long side of the display copy, in pixels; larger photos are scaled down. */
    @WithDefault("1920")
    int displayMaxSide();

    /** The long side of the thumbnail, in pixels. */
    @WithDefault("320")
    int thumbnailMaxSide();

    /** JPEG quality of display copies and thumbnails, 0..1. */
    @WithDefault("0.85")
    float jpegQuality();

    /**
     * How long an uploaded photo may stay unattached to any incident (an abandoned draft) before it is
     * deleted with its objects.
     */
    @WithDefault("PT24H")
    Duration orphanMaxAge();

    /** How often unattached photos are swept ("1h"; "off" disables the sweep, as the tests do). */
    @WithDefault("1h")
    String orphanSweepEvery();

    /** The zone a capture time without an EXIF offset is read in (phones write local time). */
    @WithDefault("Asia/Shanghai")
    String exifZone();
}
