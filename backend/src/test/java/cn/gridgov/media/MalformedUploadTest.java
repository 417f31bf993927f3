package cn.gridgov.media;

import cn.gridgov.identity.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.EncoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** Upload bodies that are not multipart at all, or end early: a clear 400, never a 500 (found by GeneratedRequestsTest). */
@QuarkusTest
class MalformedUploadTest {

    private static final RestAssuredConfig RAW = RestAssuredConfig.config().encoderConfig(EncoderConfig.encoderConfig()
            .encodeContentTypeAs("multipart/form-data", ContentType.TEXT));

    @Test
    void aBodyThatIsNotMultipartIsRefusedClearly() {
        given().config(RAW).auth().oauth2(TestTokens.resident().token())
                .contentType("multipart/form-data; boundary=x").body("{}")
                .when().post("/api/v1/media")
                .then().statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("MALFORMED_MULTIPART"))
                .body("detail", containsString("wx.uploadFile"));
    }

    @Test
    void aMultipartBodyWithoutItsClosingBoundaryIsRefusedClearly() {
        String cut = "--x\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.jpg\"\r\n"
                + "Content-Type: image/jpeg\r\n\r\n\u00ff\u00d8\u00ff";
        given().config(RAW).auth().oauth2(TestTokens.resident().token())
                .contentType("multipart/form-data; boundary=x").body(cut)
                .when().post("/api/v1/media")
                .then().statusCode(400).body("code", equalTo("MALFORMED_MULTIPART"));
    }
}
