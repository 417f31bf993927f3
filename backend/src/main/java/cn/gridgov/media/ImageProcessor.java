package cn.gridgov.media;

import cn.gridgov.common.error.DomainException;
import com.twelvemonkeys.imageio.plugins.webp.WebPImageReaderSpi;
import jakarta.enterprise.context.ApplicationScoped;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;

/**
 * Decodes a photo (JPEG and PNG with the JDK's ImageIO, WebP with TwelveMonkeys' reader), turns it upright
 * as its EXIF orientation says, and re-encodes a display copy and a thumbnail without any metadata. The size
 * is checked from the header before anything is decoded, and decoding waits for one of the {@link DecodeSlots}.
 * Blocking and CPU heavy: call it on a worker thread.
 */
@ApplicationScoped
public class ImageProcessor {

    private final MediaConfig config;
    private final DecodeSlots slots;

    public ImageProcessor(MediaConfig config, DecodeSlots slots) {
        this.config = config;
        this.slots = slots;
        ImageIO.setUseCache(false);
    }

    public ProcessedImage process(byte[] photo, ImageKind kind, int orientation) {
        ImageReader reader = reader(kind);
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(photo))) {
            reader.setInput(in, true, true);
            checkPixels(pixels(reader));
            return slots.run(() -> copies(decode(reader), kind, orientation));
        } catch (IOException e) {
            throw unreadable();
        } finally {
            reader.dispose();
        }
    }

    private static long pixels(ImageReader reader) {
        try {
            return (long) reader.getWidth(0) * reader.getHeight(0);
        } catch (IOException | RuntimeException e) {
            throw unreadable();
        }
    }

    /** Refuses a photo with more pixels than allowed, from its header (nothing decoded yet). */
    private void checkPixels(long pixels) {
        if (pixels > config.maxPixels()) {
            throw DomainException.badRequest("MEDIA_TOO_MANY_PIXELS",
                    "图片分辨率过高（超过 " + config.maxPixels() / 1_000_000 + " 百万像素），请压缩后再上传",
                    "The image has too many pixels (more than " + config.maxPixels() / 1_000_000 + " MP)");
        }
    }

    private static DomainException unreadable() {
        return DomainException.badRequest("MEDIA_UNREADABLE", "图片已损坏或无法解析，请重新拍摄或选择其他图片",
                "The image is damaged or cannot be decoded");
    }

    private static BufferedImage decode(ImageReader reader) {
        try {
            return reader.read(0, reader.getDefaultReadParam());
        } catch (IOException | RuntimeException e) {
            throw unreadable();
        }
    }

    private ProcessedImage copies(BufferedImage decoded, ImageKind kind, int orientation) {
        BufferedImage upright = orient(decoded, orientation);
        boolean alpha = upright.getColorModel().hasAlpha();
        byte[] display;
        String displayType;
        String displayExtension;
        BufferedImage displayImage = fit(upright, config.displayMaxSide());
        // keep PNG for PNG (screenshots, transparency); WebP cannot be written by ImageIO, so it becomes
        // PNG when it has transparency and JPEG otherwise
        if (kind == ImageKind.PNG || (kind == ImageKind.WEBP && alpha)) {
            display = png(displayImage);
            displayType = ImageKind.PNG.contentType();
            displayExtension = ImageKind.PNG.extension();
        } else {
            display = jpeg(displayImage);
            displayType = ImageKind.JPEG.contentType();
            displayExtension = ImageKind.JPEG.extension();
        }
        byte[] thumbnail = jpeg(fit(upright, config.thumbnailMaxSide()));
        return new ProcessedImage(upright.getWidth(), upright.getHeight(), display, displayType, displayExtension,
                thumbnail);
    }

    private static ImageReader reader(ImageKind kind) {
        if (kind == ImageKind.WEBP) {
            // created directly: ImageIO's plugin scan depends on the class loader that first touches it
            return new WebPImageReaderSpi().createReaderInstance(null);
        }
        Iterator<ImageReader> readers = ImageIO.getImageReadersByMIMEType(kind.contentType());
        if (!readers.hasNext()) {
            throw new IllegalStateException("no ImageIO reader for " + kind);
        }
        return readers.next();
    }

    /** Applies EXIF orientation 2..8 so the copies we show are upright without metadata. */
    static BufferedImage orient(BufferedImage image, int orientation) {
        int w = image.getWidth();
        int h = image.getHeight();
        AffineTransform t = switch (orientation) {
            case 2 -> new AffineTransform(-1, 0, 0, 1, w, 0);
            case 3 -> new AffineTransform(-1, 0, 0, -1, w, h);
            case 4 -> new AffineTransform(1, 0, 0, -1, 0, h);
            case 5 -> new AffineTransform(0, 1, 1, 0, 0, 0);
            case 6 -> new AffineTransform(0, 1, -1, 0, h, 0);
            case 7 -> new AffineTransform(0, -1, -1, 0, h, w);
            case 8 -> new AffineTransform(0, -1, 1, 0, 0, w);
            default -> null;
        };
        if (t == null) {
            return image;
        }
        boolean swap = orientation >= 5;
        BufferedImage out = blank(swap ? h : w, swap ? w : h, image.getColorModel().hasAlpha());
        Graphics2D g = out.createGraphics();
        g.drawImage(image, t, null);
        g.dispose();
        return out;
    }

    /** Scales down (never up) so the long side is at most {@code maxSide}, halving first for quality. */
    static BufferedImage fit(BufferedImage image, int maxSide) {
        int w = image.getWidth();
        int h = image.getHeight();
        if (Math.max(w, h) <= maxSide) {
            return image;
        }
        double scale = (double) maxSide / Math.max(w, h);
        int targetW = Math.max(1, (int) Math.round(w * scale));
        int targetH = Math.max(1, (int) Math.round(h * scale));
        BufferedImage current = image;
        boolean alpha = image.getColorModel().hasAlpha();
        while (current.getWidth() / 2 >= targetW && current.getHeight() / 2 >= targetH) {
            current = draw(current, current.getWidth() / 2, current.getHeight() / 2, alpha);
        }
        return draw(current, targetW, targetH, alpha);
    }

    private static BufferedImage draw(BufferedImage source, int w, int h, boolean alpha) {
        BufferedImage out = blank(w, h, alpha);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.drawImage(source, 0, 0, w, h, null);
        g.dispose();
        return out;
    }

    private static BufferedImage blank(int w, int h, boolean alpha) {
        return new BufferedImage(w, h, alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
    }

    private byte[] jpeg(BufferedImage image) {
        BufferedImage rgb = image;
        if (image.getType() != BufferedImage.TYPE_INT_RGB) {
            // JPEG has no alpha: flatten onto white instead of letting the encoder garble the colours
            rgb = blank(image.getWidth(), image.getHeight(), false);
            Graphics2D g = rgb.createGraphics();
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, rgb.getWidth(), rgb.getHeight());
            g.drawImage(image, 0, 0, null);
            g.dispose();
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(config.jpegQuality());
            // no metadata passed: the copy carries a bare JFIF header and nothing of the original's EXIF
            writer.write(null, new IIOImage(rgb, null, null), param);
        } catch (IOException e) {
            throw new IllegalStateException("JPEG encoding failed", e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    private static byte[] png(BufferedImage image) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", bytes);
        } catch (IOException e) {
            throw new IllegalStateException("PNG encoding failed", e);
        }
        return bytes.toByteArray();
    }
}
