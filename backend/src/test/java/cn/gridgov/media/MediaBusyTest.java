package cn.gridgov.media;

import cn.gridgov.identity.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

/** Uploads when decoding is full, of photos with too many pixels, and past a user's upload limit. */
@QuarkusTest
@TestProfile(TightLimitsProfile.class)
class MediaBusyTest {

    @Test
    void whenNoDecodeSlotIsFreeAnUploadIsAnswered503WithRetryAfter() {
        upload(TestTokens.resident().token(), TestPhotos.jpeg(40, 30))
                .statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", equalTo("1"))
                .body("code", equalTo("MEDIA_BUSY"))
                .body("detail", containsString("服务器正忙"));
    }

    @Test
    void aPhotoOverThePixelCapIsRefusedFromItsHeaderBeforeAnyDecoding() {
        // 6000 × 5000 = 30 MP in a few hundred bytes: refused from the header, without waiting for a decode slot
        upload(TestTokens.resident().token(), pngHeader(6000, 5000))
                .statusCode(400)
                .contentType("application/problem+json")
                .body("code", equalTo("MEDIA_TOO_MANY_PIXELS"))
                .body("detail", containsString("超过 24 百万像素"));
    }

    @Test
    void uploadsPastTheLimitOfAUserAreRefusedWith429() {
        String token = TestTokens.resident().token();
        // the first two are counted (and refused for want of a decode slot); the third is over the limit
        upload(token, TestPhotos.jpeg(40, 30)).statusCode(503);
        upload(token, TestPhotos.jpeg(40, 30)).statusCode(503);
        upload(token, TestPhotos.jpeg(40, 30))
                .statusCode(429)
                .contentType("application/problem+json")
                .header("Retry-After", notNullValue())
                .body("code", equalTo("TOO_MANY_UPLOADS"))
                .body("detail", containsString("上传图片过于频繁"));
        // another user is not affected
        upload(TestTokens.resident().token(), TestPhotos.jpeg(40, 30)).statusCode(503);
    }

    private static io.restassured.response.ValidatableResponse upload(String token, byte[] photo) {
        return given().auth().oauth2(token)
                .multiPart("file", "tmp_photo.png", photo, "application/octet-stream")
                .when().post("/api/v1/media").then();
    }

    /** A PNG that declares {@code width} × {@code height} RGB pixels but carries almost no image data. */
    static byte[] pngHeader(int width, int height) {
        try {
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            png.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
            ByteArrayOutputStream ihdr = new ByteArrayOutputStream();
            DataOutputStream header = new DataOutputStream(ihdr);
            header.writeInt(width);
            header.writeInt(height);
            header.write(new byte[] {8, 2, 0, 0, 0});
            chunk(png, "IHDR", ihdr.toByteArray());
            Deflater deflater = new Deflater();
            deflater.setInput(new byte[64]);
            deflater.finish();
            byte[] compressed = new byte[128];
            int length = deflater.deflate(compressed);
            deflater.end();
            chunk(png, "IDAT", java.util.Arrays.copyOf(compressed, length));
            chunk(png, "IEND", new byte[0]);
            return png.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void chunk(ByteArrayOutputStream png, String type, byte[] data) throws IOException {
        DataOutputStream out = new DataOutputStream(png);
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        out.writeInt(data.length);
        out.write(name);
        out.write(data);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(data);
        out.writeInt((int) crc.getValue());
    }
}
