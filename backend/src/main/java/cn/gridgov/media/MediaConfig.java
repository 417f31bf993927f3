package cn.gridgov.media;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * Limits and sizes for uploaded photos. The upload route's body limit is {@link #maxBytes()} plus room for
 * the multipart framing ({@link MediaBodyLimit}), whatever the general body limits are.
 */
@ConfigMapping(prefix = "gridgov.media")
public interface MediaConfig {

    /** The largest photo accepted, in bytes (10 MB). */
    @WithDefault("10485760")
    long maxBytes();

    /**
     * The most pixels a photo may have, read from its header before it is decoded (a decoded pixel takes 4 bytes,
     * so this bounds the memory of one decode against decompression bombs): 24 MP, more than phones take.
     */
    @WithDefault("24000000")
    long maxPixels();

    /** How many photos may be decoded and re-encoded at once (each holds up to {@code max-pixels} × 4 bytes). */
    @WithDefault("2")
    int decodeSlots();

    /** How long an upload waits for a free decode slot before it is answered 503 with Retry-After. */
    @WithDefault("PT5S")
    Duration decodeWait();

    /** How many photos one user may upload per {@link #uploadWindow()} before 429 (generous: 9 photos a report). */
    @WithDefault("300")
    int uploadsPerUser();

    /** The window of {@link #uploadsPerUser()}. */
    @WithDefault("PT1H")
    Duration uploadWindow();

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
