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
import java.util.Set;
import java.util.TreeSet;

import static io.restassured.RestAssured.given;
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

    /** Where two documents first differ, as a JSON pointer ("" when they are equal). */
    private static String firstDifference(JsonNode served, JsonNode committed, String at) {
        if (served.equals(committed)) {
            return "";
        }
        if (served.isObject() && committed.isObject() || served.isArray() && committed.isArray()) {
            Set<String> names = new TreeSet<>();
            served.fieldNames().forEachRemaining(names::add);
            committed.fieldNames().forEachRemaining(names::add);
            for (int i = 0; served.isArray() && i < Math.max(served.size(), committed.size()); i++) {
                names.add(Integer.toString(i));
            }
            for (String name : names) {
                JsonNode a = served.isArray() ? served.path(Integer.parseInt(name)) : served.path(name);
                JsonNode b = committed.isArray() ? committed.path(Integer.parseInt(name)) : committed.path(name);
                String where = firstDifference(a, b, at + "/" + name.replace("~", "~0").replace("/", "~1"));
                if (!where.isEmpty()) {
                    return where;
                }
            }
        }
        return at.isEmpty() ? "/" : at;
    }

    private static void assertSameDocument(JsonNode served, JsonNode committed, String file) {
        String where = firstDifference(served, committed, "");
        assertTrue(where.isEmpty(), stale(file) + " (first difference at " + where + ": served "
                + abbreviated(served.at(where.equals("/") ? "" : where)) + ", committed "
                + abbreviated(committed.at(where.equals("/") ? "" : where)) + ")");
    }

    private static String abbreviated(JsonNode node) {
        String text = node.isMissingNode() ? "nothing" : node.toString();
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
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
        assertSameDocument(expected, json.readTree(committed), "openapi.json");
    }

    @Test
    void theCommittedYamlIsTheServedDocument() throws IOException {
        String served = served("yaml");
        String committed = committedOrWritten("openapi.yaml", served);
        ObjectMapper json = new ObjectMapper();
        JsonNode expected = json.valueToTree(new Yaml().load(served));
        assertTrue(expected.path("paths").size() > 20, "the served document has the API's paths");
        assertSameDocument(expected, json.valueToTree(new Yaml().load(committed)), "openapi.yaml");
    }
}
