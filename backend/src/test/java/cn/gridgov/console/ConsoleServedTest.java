package cn.gridgov.console;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

/** The dispatch console is served by the application itself: its page, its bundle (no CDN) and its settings. */
@QuarkusTest
class ConsoleServedTest {

    @Test
    void pageIsServedAtConsoleWithItsBundleFromTheSameOrigin() {
        String page = given().when().get("/console/")
                .then().statusCode(200)
                .contentType(containsString("text/html"))
                .body(containsString("GridGov 调度台"))
                .body(containsString("src=\"console.js\""))
                .extract().asString();
        // everything the page loads comes from the application, never from a CDN
        org.junit.jupiter.api.Assertions.assertFalse(page.contains("http://") || page.contains("https://"),
                "the console's page must not load anything from another origin");
        given().when().get("/console/console.js").then().statusCode(200)
                .contentType(containsString("javascript")).body(not(emptyString()));
        given().when().get("/console/maplibre-gl-worker.mjs").then().statusCode(200);
        given().when().get("/console/maplibre-gl.css").then().statusCode(200);
        given().when().get("/console/console.css").then().statusCode(200);
    }

    @Test
    void bareConsolePathRedirectsToTheFolder() {
        given().redirects().follow(false).when().get("/console")
                .then().statusCode(302).header("Location", equalTo("/console/"));
    }

    @Test
    void configTellsTheApiBaseAndTheConfiguredBaseMap() {
        given().when().get("/console/config.json")
                .then().statusCode(200)
                .contentType(containsString("application/json"))
                .body("apiBase", equalTo(""))
                .body("baseMapUrl", equalTo("http://tiles.invalid/{z}/{x}/{y}.png"))
                .body("baseMapAttribution", nullValue());
    }
}
