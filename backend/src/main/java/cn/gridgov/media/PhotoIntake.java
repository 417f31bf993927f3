package cn.gridgov.media;

import cn.gridgov.common.crypto.Digests;

import cn.gridgov.common.error.DomainException;
import cn.gridgov.common.error.TooLarge;
import cn.gridgov.common.web.ByteSize;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Checks an uploaded file (size, type by its bytes) and prepares what we store: the original, its EXIF,
 * the display copy and the thumbnail. Blocking (file and CPU work): call it on a worker thread.
 */
@ApplicationScoped
public class PhotoIntake {

    private final MediaConfig config;
    private final ExifReader exifReader;
    private final ImageProcessor imageProcessor;

    public PhotoIntake(MediaConfig config, ExifReader exifReader, ImageProcessor imageProcessor) {
        this.config = config;
        this.exifReader = exifReader;
        this.imageProcessor = imageProcessor;
    }

    /** A checked photo, ready to store. */
    public record PreparedPhoto(byte[] original, ImageKind kind, String sha256, PhotoExif exif, ProcessedImage image) {
    }

    public PreparedPhoto prepare(Path file, long size) {
        if (size <= 0) {
            throw DomainException.badRequest("MEDIA_EMPTY", "上传的文件是空的（0 字节），请重新选择图片",
                    "The uploaded file is empty");
        }
        if (size > config.maxBytes()) {
            throw tooLarge(config.maxBytes());
        }
        ImageKind kind = sniff(file).orElseThrow(() -> DomainException.badRequest("MEDIA_TYPE_NOT_ALLOWED",
                "只能上传 JPEG、PNG 或 WebP 格式的图片", "Only JPEG, PNG and WebP images are accepted"));
        byte[] original;
        try {
            original = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the uploaded file", e);
        }
        PhotoExif exif = exifReader.read(original);
        ProcessedImage image = imageProcessor.process(original, kind, exif.orientation());
        return new PreparedPhoto(original, kind, sha256(original), exif, image);
    }

    static DomainException tooLarge(long maxBytes) {
        String max = ByteSize.human(maxBytes);
        return new TooLarge("MEDIA_TOO_LARGE", "图片过大，不能超过 " + max,
                "The image is too large (at most " + max + ")");
    }

    private static Optional<ImageKind> sniff(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return ImageKind.sniff(in.readNBytes(16));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the uploaded file", e);
        }
    }

    private static String sha256(byte[] content) {
        return HexFormat.of().formatHex(Digests.sha256(content));
    }
}
