package cn.gridgov.common;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The generated OpenAPI document says what the API really answers: success codes, the error shape, the upload form. */
@QuarkusTest
class OpenApiDocumentTest {

    private static final String PROBLEM = "#/components/schemas/Problem";

    private static JsonPath document() {
        return given().when().get("/q/openapi?format=json").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void everyOperationDocumentsItsErrorAnswerAsProblemJson() {
        JsonPath doc = document();
        assertEquals("string", doc.getString("components.schemas.Problem.properties.code.type"));
        Map<String, Map<String, Map<String, Object>>> paths = doc.getMap("paths");
        int operations = 0;
        for (Map.Entry<String, Map<String, Map<String, Object>>> path : paths.entrySet()) {
            for (Map.Entry<String, Map<String, Object>> op : path.getValue().entrySet()) {
                if (!List.of("get", "post", "put", "patch", "delete").contains(op.getKey())) {
                    continue;
                }
                operations++;
                String ref = doc.getString("paths.'" + path.getKey() + "'." + op.getKey()
                        + ".responses.default.content.'application/problem+json'.schema.$ref");
                assertEquals(PROBLEM, ref, op.getKey() + " " + path.getKey());
            }
        }
        assertTrue(operations > 20, "the API's operations: " + operations);
    }

    @Test
    void everyOperationIsSummarisedInChineseWithItsCodeName() {
        JsonPath doc = document();
        Map<String, Map<String, Map<String, Object>>> paths = doc.getMap("paths");
        Pattern form = Pattern.compile("\\p{IsHan}.* \\([a-z][A-Za-z]*\\)");
        int operations = 0;
        for (Map.Entry<String, Map<String, Map<String, Object>>> path : paths.entrySet()) {
            for (Map.Entry<String, Map<String, Object>> op : path.getValue().entrySet()) {
                if (!List.of("get", "post", "put", "patch", "delete").contains(op.getKey())
                        || path.getKey().startsWith("/q/")) {
                    continue;
                }
                operations++;
                Object summary = op.getValue().get("summary");
                assertTrue(summary instanceof String s && form.matcher(s).matches(),
                        op.getKey() + " " + path.getKey() + ": \"中文摘要 (codeName)\", not " + summary);
            }
        }
        assertTrue(operations > 20, "the API's operations: " + operations);
    }

    @Test
    void reportingUploadAndLogoutShowTheirRealSuccessCodes() {
        JsonPath doc = document();
        String report = "paths.'/api/v1/incidents'.post";
        assertNotNull(doc.get(report + ".responses.'201'"), "201 for a new incident");
        assertNotNull(doc.get(report + ".responses.'200'"), "200 for a retry");
        List<Map<String, Object>> parameters = doc.getList(report + ".parameters");
        Map<String, Object> key = parameters.stream().filter(p -> "Idempotency-Key".equals(p.get("name")))
                .findFirst().orElseThrow();
        assertEquals(true, key.get("required"), "Idempotency-Key is required");

        assertNotNull(doc.get("paths.'/api/v1/media'.post.responses.'201'"));
        String form = doc.getString("paths.'/api/v1/media'.post.requestBody.content.'multipart/form-data'.schema.$ref");
        String name = form.substring(form.lastIndexOf('/') + 1);
        assertEquals("binary", doc.getString("components.schemas." + name + ".properties.file.format"),
                "the upload's field is `file`");
        assertNotNull(doc.get("paths.'/api/v1/media/{id}'.get.responses.'303'"));
        assertNotNull(doc.get("paths.'/api/v1/auth/logout'.post.responses.'204'"));
    }
}
