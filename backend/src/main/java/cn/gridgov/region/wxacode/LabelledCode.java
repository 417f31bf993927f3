package cn.gridgov.region.wxacode;

import org.jboss.logging.Logger;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * A building's code for printing: the mini-program code with the building's name written in a white band under it,
 * so a sheet of codes cut apart still says which door each one goes on. The name is drawn with the machine's sans-serif
 * font (a CJK font such as fonts-wqy-microhei or fonts-noto-cjk must be installed for Chinese names); when the picture
 * cannot be read or the text cannot be drawn (no font at all), the code is answered as it is and the name stays in the
 * ZIP entry's file name.
 */
final class LabelledCode {

    private static final Logger LOG = Logger.getLogger(LabelledCode.class);

    private LabelledCode() {
    }

    static byte[] png(byte[] code, String name) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(code));
            if (image == null) {
                return code;
            }
            int width = image.getWidth();
            int band = Math.max(24, width / 6);
            BufferedImage out = new BufferedImage(width, image.getHeight() + band, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = out.createGraphics();
            try {
                g.setColor(Color.WHITE);
                g.fillRect(0, 0, width, out.getHeight());
                g.drawImage(image, 0, 0, null);
                g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
                g.setColor(Color.BLACK);
                int size = band * 3 / 5;
                Font font = new Font(Font.SANS_SERIF, Font.PLAIN, size);
                FontMetrics metrics = g.getFontMetrics(font);
                while (metrics.stringWidth(name) > width - 8 && size > 8) {
                    font = font.deriveFont((float) --size);
                    metrics = g.getFontMetrics(font);
                }
                g.setFont(font);
                int x = Math.max(4, (width - metrics.stringWidth(name)) / 2);
                int y = image.getHeight() + (band - metrics.getHeight()) / 2 + metrics.getAscent();
                g.drawString(name, x, y);
            } finally {
                g.dispose();
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            ImageIO.write(out, "png", bytes);
            return bytes.toByteArray();
        } catch (IOException | RuntimeException | Error e) {
            LOG.warnf("cannot write the name under the code of %s (%s): the code goes without it", name, e.toString());
            return code;
        }
    }
}
