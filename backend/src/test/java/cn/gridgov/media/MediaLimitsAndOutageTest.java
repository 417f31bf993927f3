package cn.gridgov.media;

import cn.gridgov.common.web.RawHttp;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Size limits and an object store that is down (closed port; 64 KB photo limit, 256 KB body limit). */
@QuarkusTest
@TestProfile(StorageDownProfile.class)
class MediaLimitsAndOutageTest {

    @Inject
    Pool db;

    @Test
    void uploadWhileStorageIsDownAnswers503AndRecordsNothing() {
        long before = count();
        MediaUploadTest.wxUpload(TestPhotos.jpegWithExif(120, 90, 113.4, 36.2, "2026:03:01 10:20:30", 1))
                .then().statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", equalTo("30"))
                .body("code", equalTo("STORAGE_UNAVAILABLE"))
                .body("detail", containsString("存储"));
        assertEquals(before, count());
    }

    @Test
    void photoOverTheConfiguredLimitIsRefusedWith413() {
        byte[] photo = TestPhotos.jpeg(400, 400);
        assertEquals(true, photo.length > 65536 && photo.length < 200 * 1024, "test photo size " + photo.length);
        MediaUploadTest.wxUpload(photo)
                .then().statusCode(413)
                .contentType("application/problem+json")
                .body("code", equalTo("MEDIA_TOO_LARGE"))
                .body("detail", containsString("64 KB"));
    }

    @Test
    void declaredPhotoOverTheLimitIsRefusedBeforeItIsRead() throws Exception {
        // wx.uploadFile declares Content-Length: a photo clearly over the limit is refused before it is read
        // only the head is sent: the answer must come from the declared length alone (a client still writing a
        // body the server refuses may see the connection closed before it reads the answer)
        RawHttp.Answer answer = RawHttp.send("POST /api/v1/media HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: multipart/form-data; boundary=" + BOUNDARY + "\r\n"
                + "Authorization: Bearer " + MediaUploadTest.token() + "\r\nContent-Length: " + multipart(200 * 1024).length);
        assertEquals(413, answer.status());
        assertTrue(String.valueOf(answer.contentType()).startsWith("application/problem+json"), answer.contentType());
        assertTrue(answer.body().contains("\"MEDIA_TOO_LARGE\""), answer.body());
        assertTrue(answer.body().contains("图片过大，不能超过 64 KB"), answer.body());
    }

    @Test
    void declaredBodyOverTheHttpLimitIsRefusedWithProblemJson() {
        String json = "{\"description\":\"" + "x".repeat(300 * 1024) + "\"}";
        RawHttp.Answer answer = RawHttp.send("POST /api/v1/incidents HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: application/json\r\nAuthorization: Bearer " + MediaUploadTest.token() + "\r\n"
                + "Content-Length: " + json.getBytes(StandardCharsets.UTF_8).length);
        assertEquals(413, answer.status());
        assertTrue(String.valueOf(answer.contentType()).startsWith("application/problem+json"), answer.contentType());
        assertTrue(answer.body().contains("\"PAYLOAD_TOO_LARGE\""), answer.body());
        assertTrue(answer.body().contains("请求体过大，不能超过 256 KB"), answer.body());
    }

    @Test
    void chunkedUploadOverThePhotoLimitIsCutOffWhileItStreams() {
        long before = count();
        // no Content-Length and a body left open: only a server that counts while reading can answer, and it
        // must do so at the photo limit (64 KB + multipart slack), not at the general 256 KB
        RawHttp.Answer answer = RawHttp.chunked("POST /api/v1/media HTTP/1.1\r\nHost: localhost\r\n"
                        + "Content-Type: multipart/form-data; boundary=" + BOUNDARY + "\r\n"
                        + "Authorization: Bearer " + MediaUploadTest.token(),
                ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"tmp_big.jpg\"\r\n"
                        + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8),
                128 * 1024 + 16 * 1024);
        assertEquals(413, answer.status(), answer.body());
        assertTrue(answer.contentType().startsWith("application/problem+json"), answer.contentType());
        assertTrue(answer.body().contains("\"MEDIA_TOO_LARGE\""), answer.body());
        assertTrue(answer.body().contains("图片过大，不能超过 64 KB"), answer.body());
        assertEquals(before, count());
    }

    @Test
    void bodyOverTheHttpLimitIsExplainedInEnglishOnRequest() {
        given().auth().oauth2(MediaUploadTest.token()).header("Accept-Language", "en")
                .multiPart("file", "tmp_big.jpg", new byte[300 * 1024], "application/octet-stream")
                .when().post("/api/v1/media")
                .then().statusCode(413)
                .body("detail", containsString("too large"));
    }

    private static final String BOUNDARY = "----wxBoundary7MA4YWxkTrZu0gW";

    private static byte[] multipart(int fileBytes) throws Exception {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"tmp_big.jpg\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(new byte[fileBytes]);
        body.write(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return body.toByteArray();
    }

    /** A POST with a declared Content-Length, as phones send them. */

    private long count() {
        return db.query("SELECT count(*) FROM media").execute().await().indefinitely().iterator().next().getLong(0);
    }
}
