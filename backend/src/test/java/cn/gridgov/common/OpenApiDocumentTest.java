package cn.gridgov.common;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
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
    void answersSayWhichFieldsAreAlwaysThereAndWhichMayBeNull() {
        JsonPath doc = document();
        assertEquals(List.of("accessToken", "refreshToken", "expiresIn", "tokenType", "user"),
                doc.getList("components.schemas.LoginResponse.required"));
        assertEquals(List.of("string", "null"),
                doc.getList("components.schemas.CategoryView.properties.parentCode.type"));
        assertTrue(doc.getList("components.schemas.MediaView.required").contains("exif"));
        assertEquals(List.of("object", "null"), doc.getList("components.schemas.MediaView.properties.exif.type"));
        List<String> incident = doc.getList("components.schemas.IncidentView.required");
        assertTrue(incident.containsAll(List.of("id", "status", "version", "ownerRegionId")), incident.toString());
        assertTrue(!incident.contains("assigneeId") && !incident.contains("rating"), incident.toString());
        assertEquals("integer", doc.getString("components.schemas.IncidentView.properties.assigneeId.type"));
        assertEquals(List.of("id", "kind", "roles"), doc.getList("components.schemas.UserView.required"));
        assertNull(doc.get("components.schemas.UserView.'x-omits-null'"));
        assertNull(doc.get("components.schemas.JsonNode.required"));
    }

    @Test
    void everyOperationIsSummarisedInChineseWithItsCodeName() {
        JsonPath doc = document();
        Map<String, Map<String, Map<String, Object>>> paths = doc.getMap("paths");
        Pattern form = Pattern.compile("\\p{IsHan}.* \\([a-z][A-Za-z0-9]*\\)");
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

    /**
     * What the operations still lack of a description, an example of their request body (when they take one) and
     * one of their success answer (when it has a body). A ratchet: the test fails when an operation lacks more than
     * listed here (a new operation must come complete) and when one gained what it lacked (then shorten the list),
     * until the list is empty.
     */
    private static final Set<String> STILL_MISSING = Set.of();

    @Test
    void everyOperationHasADescriptionAndExamplesOfItsBodiesExceptThoseStillListed() {
        JsonPath doc = document();
        Map<String, Map<String, Map<String, Object>>> paths = doc.getMap("paths");
        Set<String> missing = new TreeSet<>();
        for (Map.Entry<String, Map<String, Map<String, Object>>> path : paths.entrySet()) {
            for (Map.Entry<String, Map<String, Object>> op : path.getValue().entrySet()) {
                if (!List.of("get", "post", "put", "patch", "delete").contains(op.getKey())) {
                    continue;
                }
                List<String> lacks = new ArrayList<>();
                Object description = op.getValue().get("description");
                if (!(description instanceof String d) || d.isBlank()) {
                    lacks.add("description");
                }
                Object body = op.getValue().get("requestBody");
                if (body instanceof Map<?, ?> request && !hasExample(request.get("content"))) {
                    lacks.add("request example");
                }
                Map<?, ?> responses = (Map<?, ?>) op.getValue().get("responses");
                List<Object> successBodies = responses.entrySet().stream()
                        .filter(r -> r.getKey().toString().startsWith("2"))
                        .map(r -> ((Map<?, ?>) r.getValue()).get("content"))
                        .filter(c -> c instanceof Map<?, ?> m && !m.isEmpty()).map(c -> (Object) c).toList();
                if (!successBodies.isEmpty() && successBodies.stream().noneMatch(OpenApiDocumentTest::hasExample)) {
                    lacks.add("response example");
                }
                if (!lacks.isEmpty()) {
                    missing.add(op.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey() + ": "
                            + String.join(", ", lacks));
                }
            }
        }
        assertEquals(new TreeSet<>(STILL_MISSING), missing,
                "operations lacking a description or examples (add them with @Operation(description) and "
                        + "@ExampleObject on the resource, or shorten STILL_MISSING when you did)");
    }

    private static boolean hasExample(Object content) {
        return content instanceof Map<?, ?> types && types.values().stream().anyMatch(type -> type instanceof Map<?, ?> t
                && (t.get("example") != null || t.get("examples") instanceof Map<?, ?> e && !e.isEmpty()));
    }
}
