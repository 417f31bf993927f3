package cn.gridgov.common;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The committed miniapp-api-docs/openapi.json and openapi.yaml are the document the application serves: the test
 * fails when they differ and, run with {@code -Dgridgov.openapi.write=true}, writes them instead (the one way to
 * regenerate them).
 */
@QuarkusTest
class OpenApiContractTest {

    static final String REGENERATE = "miniapp-api-docs/export-openapi.sh";

    private static final boolean WRITE = Boolean.getBoolean("gridgov.openapi.write");

    private static String served(String format) {
        return given().when().get("/q/openapi?format=" + format).then().statusCode(200).extract().asString();
    }

    /** miniapp-api-docs/ of the repository, found upwards from the module's working directory. */
    private static Path docs() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("miniapp-api-docs/openapi.json"))) {
            dir = dir.getParent();
        }
        assertTrue(dir != null, "no miniapp-api-docs/openapi.json above " + Path.of("").toAbsolutePath());
        return dir.resolve("miniapp-api-docs");
    }

    private static String committedOrWritten(String file, String served) throws IOException {
        Path path = docs().resolve(file);
        if (WRITE) {
            Files.writeString(path, served.replace("\r\n", "\n"), StandardCharsets.UTF_8);
        }
        return Files.readString(path, StandardCharsets.UTF_8);
    }

    private static String stale(String file) {
        return "miniapp-api-docs/" + file + " is not the document the application serves; regenerate it with `"
                + REGENERATE + "` (from the repository's root: this test with -Dgridgov.openapi.write=true, then the client's "
                + "types) and commit them";
    }

    @Test
    void theCommittedJsonIsTheServedDocument() throws IOException {
        String served = served("json");
        String committed = committedOrWritten("openapi.json", served);
        ObjectMapper json = new ObjectMapper();
        JsonNode expected = json.readTree(served);
        assertTrue(expected.path("paths").size() > 20, "the served document has the API's paths");
        assertEquals(expected, json.readTree(committed), stale("openapi.json"));
    }

    @Test
    void theCommittedYamlIsTheServedDocument() throws IOException {
        String served = served("yaml");
        String committed = committedOrWritten("openapi.yaml", served);
        Object expected = new Yaml().load(served);
        Object actual = new Yaml().load(committed);
        assertTrue(Objects.equals(expected, actual), stale("openapi.yaml"));
    }
}
