package cn.gridgov.identity;

import cn.gridgov.identity.auth.KeyMaterial;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Production's settings (application.properties, %prod and %demo) on a running application: health, metrics,
 * OpenAPI and Swagger UI on the management port only; keys generated at the first start, not the development ones.
 */
@QuarkusTest
@TestProfile(ProductionSettingsTest.Profile.class)
class ProductionSettingsTest {

    static final Path KEYS = keysDir();

    /** The management interface as the prod profile builds it; no development keys, a folder for generated ones. */
    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.management.enabled", "true",
                    "gridgov.keys.dev-keys-allowed", "false",
                    "gridgov.keys.generated-dir", KEYS.toString());
        }
    }

    private static Path keysDir() {
        try {
            return Files.createTempDirectory("gridgov-keys-").resolve("keys");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @TestHTTPResource(value = "/", management = true)
    URL management;

    @Test
    void metricsHealthAndApiDocsAreOnlyOnTheManagementPort() {
        for (String path : new String[] {"/q/metrics", "/q/health/ready", "/q/openapi", "/q/swagger-ui/"}) {
            given().when().get(path).then().statusCode(404);
        }
        // the management port (its root path may be /q/, so the paths are given in full)
        String base = "http://" + management.getHost() + ":" + management.getPort();
        given().when().get(base + "/q/metrics").then().statusCode(200).body(containsString("jvm_"));
        given().when().get(base + "/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().when().get(base + "/q/health/live").then().statusCode(200);
        given().when().get(base + "/q/openapi").then().statusCode(200).body(containsString("/api/v1/auth/staff/login"));
        given().when().get(base + "/q/swagger-ui/").then().statusCode(200);
    }

    @Test
    void tokensAreSignedWithTheKeyGeneratedAtTheFirstStart() {
        assertTrue(Files.exists(KEYS.resolve(KeyMaterial.SIGNING_KEY_FILE)), "generated into " + KEYS);
        given().when().get("/.well-known/jwks.json").then().statusCode(200).body("keys[0].kid", startsWith("k-"));
        TestTokens.Resident resident = TestTokens.resident();
        given().auth().oauth2(resident.token()).when().get("/api/v1/me").then().statusCode(200);
    }
}
