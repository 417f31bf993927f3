package cn.gridgov.wechat;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Dev mode's stand-in code: a PNG whose QR code reads back as the page with the same scene. */
class DevQrCodeTest {

    @Test
    void theQrCodeCarriesThePageAndTheScene() throws Exception {
        String text = DevQrCode.content("pages/request/new", "r=k7m2x9qa");
        assertEquals("pages/request/new?scene=r%3Dk7m2x9qa", text);
        byte[] png = DevQrCode.png(text, 430);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertEquals(430, image.getWidth());
        int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        String read = new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(
                new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels)))).getText();
        assertEquals(text, read);
    }
}
