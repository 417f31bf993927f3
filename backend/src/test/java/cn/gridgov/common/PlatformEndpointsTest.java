package cn.gridgov.common;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

/** The platform endpoints operators and client developers rely on. */
@QuarkusTest
class PlatformEndpointsTest {

    @Test
    void readinessChecksDatabaseAndObjectStorage() {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems("object-storage"))
                .body("checks.find { it.name == 'object-storage' }.status", equalTo("UP"));
    }

    @Test
    void openApiAndMetricsAreServed() {
        given().when().get("/q/openapi?format=json").then().statusCode(200).body(containsString("GridGov API"));
        given().when().get("/q/metrics").then().statusCode(200).body(containsString("jvm_"));
    }

    @Test
    void unknownPathAnswersProblemJsonInChineseByDefault() {
        given().when().get("/api/v1/no-such-thing")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("code", equalTo("NOT_FOUND"))
                .body("detail", equalTo("资源不存在"));
    }

    @Test
    void problemMessagesAreEnglishOnRequest() {
        given().header("Accept-Language", "en").when().get("/api/v1/no-such-thing")
                .then().statusCode(404)
                .body("detail", equalTo("No such resource"));
    }
}
