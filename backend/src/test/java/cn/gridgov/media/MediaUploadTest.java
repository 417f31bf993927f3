package cn.gridgov.media;

import com.drew.imaging.ImageMetadataReader;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifDirectoryBase;
import com.drew.metadata.exif.GpsDirectory;
import cn.gridgov.common.geo.Gcj02;
import cn.gridgov.common.geo.LngLat;
import cn.gridgov.identity.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.JsonConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Photo uploads as the mini program sends them, against the real database and S3 server. */
@QuarkusTest
class MediaUploadTest {

    @Inject
    Pool db;

    private static String token;

    /** A resident's token: anyone logged in may upload. */
    static String token() {
        if (token == null) {
            token = TestTokens.resident().token();
        }
        return token;
    }

    /** Reads JSON numbers as doubles (REST Assured's default, float, loses coordinates' precision). */
    static final RestAssuredConfig DOUBLES = RestAssured.config().jsonConfig(
            JsonConfig.jsonConfig().numberReturnType(JsonPathConfig.NumberReturnType.DOUBLE));

    @Test
    void photoWithGpsExifGivesPositionAndTimeAndIsStoredWithoutExifForDisplay() throws Exception {
        // EXIF carries degrees, minutes and seconds as rationals: whole hundredths of a second (what phones
        // write) come back exactly, while an arbitrary double is rounded to a fraction (up to ~1e-6°)
        double lng = 113 + 26 / 60.0 + 10.07 / 3600;
        double lat = 36 + 12 / 60.0 + 4.32 / 3600;
        byte[] photo = TestPhotos.jpegWithExif(800, 600, lng, lat, "2026:03:01 10:20:30", 1);

        ExtractableResponse<Response> r = given().config(DOUBLES).auth().oauth2(token())
                .multiPart("file", "tmp_1.jpg", photo, "application/octet-stream")
                .queryParam("coordType", "wgs84")
                .when().post("/api/v1/media")
                .then().statusCode(201)
                .header("Location", matchesPattern(".*/api/v1/media/[0-9a-f-]{36}"))
                .body("contentType", equalTo("image/jpeg"))
                .body("bytes", equalTo(photo.length))
                .body("width", equalTo(800))
                .body("height", equalTo(600))
                .body("exif.lng", closeTo(lng, 1e-9))
                .body("exif.lat", closeTo(lat, 1e-9))
                .body("exif.coordType", equalTo("wgs84"))
                .body("exif.takenAt", equalTo("2026-03-01T10:20:30+08:00"))
                .body("urls.original", startsWith("http"))
                .extract();

        Metadata original = metadata(TestPhotos.download(r.path("urls.original")));
        assertNotNull(original.getFirstDirectoryOfType(GpsDirectory.class), "the original keeps its EXIF");

        byte[] display = TestPhotos.download(r.path("urls.display"));
        Metadata displayMeta = metadata(display);
        assertNull(displayMeta.getFirstDirectoryOfType(GpsDirectory.class), "no GPS in the display copy");
        assertFalse(hasAnyExif(displayMeta), "no EXIF at all in the display copy");
        assertEquals(800, image(display).getWidth());

        BufferedImage thumb = image(TestPhotos.download(r.path("urls.thumbnail")));
        assertEquals(320, Math.max(thumb.getWidth(), thumb.getHeight()));
        assertEquals(240, thumb.getHeight());

        Row row = db.preparedQuery("SELECT * FROM media WHERE id = $1")
                .execute(Tuple.of(UUID.fromString(r.path("id")))).await().indefinitely().iterator().next();
        assertEquals(lng, row.getDouble("exif_lng"), 1e-9);
        assertEquals(photo.length, row.getLong("bytes"));
        assertEquals(64, row.getString("sha256").trim().length());
        assertNull(row.getLong("incident_id"));
    }

    @Test
    void cameraOrientationIsAppliedToTheCopiesWeShow() throws IOException {
        byte[] photo = TestPhotos.jpegWithExif(400, 200, 113.5, 36.1, "2026:05:09 08:00:00", 6);
        ExtractableResponse<Response> r = wxUpload(photo).then().statusCode(201)
                .body("width", equalTo(200)).body("height", equalTo(400)).extract();
        BufferedImage display = image(TestPhotos.download(r.path("urls.display")));
        assertEquals(200, display.getWidth());
        assertEquals(400, display.getHeight());
    }

    @Test
    void photoWithoutExifHasNullPositionAndTime() {
        wxUpload(TestPhotos.jpeg(100, 80)).then().statusCode(201)
                .body("exif.lng", nullValue())
                .body("exif.lat", nullValue())
                .body("exif.takenAt", nullValue())
                .body("width", equalTo(100));
    }

    @Test
    void exifPositionIsInGcj02UnlessAskedOtherwiseLikeEveryMiniProgramEndpoint() {
        byte[] photo = TestPhotos.jpegWithExif(64, 64, 113.43, 36.20, "2026:03:01 10:20:30", 1);
        given().config(DOUBLES).auth().oauth2(token()).multiPart("file", "tmp_1.jpg", photo, "application/octet-stream")
                .when().post("/api/v1/media")
                .then().statusCode(201)
                .body("exif.coordType", equalTo("gcj02"))
                .body("exif.lng", closeTo(Gcj02.fromWgs84(new LngLat(113.43, 36.20)).lng(), 1e-6))
                // the GCJ-02 shift around Pingshun is hundreds of metres: not a rounding of the WGS-84 value
                .body("exif.lng", not(closeTo(113.43, 0.001)));
    }

    @Test
    void pngKeepsPngForDisplayAndLargePhotosAreScaledForDisplay() throws IOException {
        ExtractableResponse<Response> r = wxUpload(TestPhotos.png(2400, 1200)).then().statusCode(201)
                .body("contentType", equalTo("image/png")).body("width", equalTo(2400)).extract();
        byte[] display = TestPhotos.download(r.path("urls.display"));
        assertEquals((byte) 0x89, display[0], "display copy of a PNG is a PNG");
        assertEquals(1920, image(display).getWidth());
    }

    @Test
    void webpIsDecodedAndShownAsJpeg() throws IOException {
        ExtractableResponse<Response> r = wxUpload(TestPhotos.WEBP_1X1).then().statusCode(201)
                .body("contentType", equalTo("image/webp"))
                .body("width", equalTo(1)).body("height", equalTo(1)).extract();
        byte[] display = TestPhotos.download(r.path("urls.display"));
        assertEquals((byte) 0xFF, display[0]);
        assertEquals((byte) 0xD8, display[1]);
    }

    @Test
    void otherFormFieldsThatWxUploadFileSendsAreIgnored() {
        given().auth().oauth2(token()).multiPart("file", "tmp_8f2c.jpg", TestPhotos.jpeg(50, 50), "application/octet-stream")
                .multiPart("incidentDraft", "abc")
                .multiPart("note", "井盖破损")
                .when().post("/api/v1/media")
                .then().statusCode(201).body("id", notNullValue());
    }

    @Test
    void textFileNamedJpgIsRefusedByItsBytes() {
        long before = count();
        given().auth().oauth2(token()).multiPart("file", "photo.jpg", "这不是图片 not an image".getBytes(StandardCharsets.UTF_8), "image/jpeg")
                .when().post("/api/v1/media")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("code", equalTo("MEDIA_TYPE_NOT_ALLOWED"))
                .body("detail", containsString("JPEG、PNG 或 WebP"));
        assertEquals(before, count());
    }

    @Test
    void truncatedJpegIsRefusedAsUnreadable() {
        byte[] photo = TestPhotos.jpeg(200, 200);
        byte[] broken = java.util.Arrays.copyOf(photo, 40);
        wxUpload(broken).then().statusCode(400).body("code", equalTo("MEDIA_UNREADABLE"));
    }

    @Test
    void emptyFileIsRefused() {
        wxUpload(new byte[0]).then().statusCode(400)
                .contentType("application/problem+json")
                .body("code", equalTo("MEDIA_EMPTY"))
                .body("detail", containsString("空"));
    }

    @Test
    void wrongFieldNameIsRefusedNamingTheFieldReceived() {
        given().auth().oauth2(token()).multiPart("image", "tmp_1.jpg", TestPhotos.jpeg(20, 20), "application/octet-stream")
                .when().post("/api/v1/media")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("code", equalTo("MEDIA_FILE_MISSING"))
                .body("detail", containsString("image"));
    }

    @Test
    void twoFilesInOneRequestAreRefused() {
        given().auth().oauth2(token()).multiPart("file", "a.jpg", TestPhotos.jpeg(20, 20), "application/octet-stream")
                .multiPart("file", "b.jpg", TestPhotos.jpeg(20, 20), "application/octet-stream")
                .when().post("/api/v1/media")
                .then().statusCode(400).body("code", equalTo("MEDIA_TOO_MANY_FILES"));
    }

    @Test
    void showRedirectsToAFreshDisplayUrl() throws IOException {
        String id = wxUpload(TestPhotos.jpeg(640, 480)).then().statusCode(201).extract().path("id");
        String location = given().auth().oauth2(token()).redirects().follow(false)
                .when().get("/api/v1/media/" + id)
                .then().statusCode(303).extract().header("Location");
        assertEquals(640, image(TestPhotos.download(location)).getWidth());
        String thumb = given().auth().oauth2(token()).redirects().follow(false).queryParam("variant", "thumbnail")
                .when().get("/api/v1/media/" + id)
                .then().statusCode(303).extract().header("Location");
        assertEquals(320, image(TestPhotos.download(thumb)).getWidth());
    }

    @Test
    void uploadNeedsALogin() {
        given().multiPart("file", "tmp_1.jpg", TestPhotos.jpeg(20, 20), "application/octet-stream")
                .when().post("/api/v1/media")
                .then().statusCode(401).body("code", equalTo("UNAUTHENTICATED"));
    }

    @Test
    void photoIsRecordedAsTheUploadersOwn() {
        TestTokens.Resident resident = TestTokens.resident();
        String id = given().auth().oauth2(resident.token())
                .multiPart("file", "tmp_2.jpg", TestPhotos.jpeg(30, 30), "application/octet-stream")
                .when().post("/api/v1/media").then().statusCode(201).extract().path("id");
        long uploader = db.preparedQuery("SELECT uploader_id FROM media WHERE id = $1")
                .execute(Tuple.of(UUID.fromString(id))).await().indefinitely().iterator().next().getLong(0);
        assertEquals(resident.userId(), uploader);
    }

    @Test
    void unknownMediaIsNotFound() {
        given().auth().oauth2(token()).redirects().follow(false).when().get("/api/v1/media/" + UUID.randomUUID())
                .then().statusCode(404).body("code", equalTo("MEDIA_NOT_FOUND"));
    }

    static Response wxUpload(byte[] photo) {
        // what wx.uploadFile sends: a temporary file name and a generic content type
        return given().config(DOUBLES).auth().oauth2(token())
                .multiPart("file", "tmp_" + UUID.randomUUID() + ".jpg", photo, "application/octet-stream")
                .when().post("/api/v1/media");
    }

    private long count() {
        return db.query("SELECT count(*) FROM media").execute().await().indefinitely().iterator().next().getLong(0);
    }

    private static Metadata metadata(byte[] bytes) throws Exception {
        return ImageMetadataReader.readMetadata(new ByteArrayInputStream(bytes));
    }

    private static boolean hasAnyExif(Metadata metadata) {
        for (var directory : metadata.getDirectories()) {
            if (directory instanceof ExifDirectoryBase || directory instanceof GpsDirectory) {
                return true;
            }
        }
        return false;
    }

    private static BufferedImage image(byte[] bytes) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
        assertTrue(image != null, "decodable image");
        return image;
    }
}
