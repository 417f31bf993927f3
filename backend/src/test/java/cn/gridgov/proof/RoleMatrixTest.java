package cn.gridgov.proof;

import cn.gridgov.common.security.Role;
import cn.gridgov.department.DepartmentFixture;
import cn.gridgov.identity.TestTokens;
import cn.gridgov.identity.staff.StaffApi;
import cn.gridgov.region.RegionFixture;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.EncoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The role half of the authorisation matrix, for every operation of the served OpenAPI document × every kind of
 * caller: an operation that names roles refuses every other caller (anonymous 401, the wrong role 403) and lets its
 * roles through to the checks of the request itself (never 401 or 403 for a request about nothing: ids are 0).
 * New operations are in the matrix the moment they are in the document. The scope half (another community's,
 * department's or household's data answers 404) is {@link ScopeMatrixTest}: one row per operation there too.
 */
@QuarkusTest
class RoleMatrixTest {

    private static final Pattern ROLE_SET = Pattern.compile("\\$\\{([^}]+)}");

    private static final RestAssuredConfig RAW = RestAssuredConfig.config().encoderConfig(EncoderConfig.encoderConfig()
            .encodeContentTypeAs("multipart/form-data", ContentType.TEXT)
            .encodeContentTypeAs("application/geo+json", ContentType.TEXT));

    /** A caller of the matrix: the roles its token carries, and the token (null: anonymous). */
    private record Caller(String name, Set<String> roles, String token) {
    }

    @Test
    void everyOperationLetsInExactlyTheRolesItNames() {
        JsonObject doc = new JsonObject(given().when().get("/q/openapi?format=json").then().statusCode(200)
                .extract().asString());
        RegionFixture.Tree tree = RegionFixture.create();
        List<Caller> callers = new ArrayList<>();
        callers.add(new Caller("anonymous", Set.of(), null));
        callers.add(new Caller("resident", Set.of(Role.RESIDENT), TestTokens.resident().token()));
        Map<String, RegionFixture.Node> nodeOf = new LinkedHashMap<>();
        nodeOf.put(Role.GRID_WORKER, tree.compoundA());
        nodeOf.put(Role.BUILDING_LEAD, tree.buildingA());
        nodeOf.put(Role.GRID_LEADER, tree.communityA());
        nodeOf.put(Role.COMMUNITY_ADMIN, tree.communityA());
        nodeOf.put(Role.TOWN_ADMIN, tree.town());
        nodeOf.put(Role.COUNTY_ADMIN, tree.county());
        assertEquals(new LinkedHashSet<>(Role.STAFF_ROLES), nodeOf.keySet(), "every staff role has a caller");
        nodeOf.forEach((role, node) -> callers.add(new Caller(role, Set.of(Role.STAFF, role),
                TestTokens.staffOn(node, role).token())));
        // department staff: bound to a department, not to a node of the tree
        long department = DepartmentFixture.department("矩阵测试部门");
        for (String role : List.of(Role.DEPT_HANDLER, Role.DEPT_ADMIN)) {
            callers.add(new Caller(role, Set.of(Role.STAFF, role),
                    DepartmentFixture.staffOf(department, tree.county().id(), role).token()));
        }
        assertEquals(Role.DEPARTMENT_ROLES, Set.of(Role.DEPT_HANDLER, Role.DEPT_ADMIN), "every department role has a caller");

        List<String> wrong = new ArrayList<>();
        int checked = 0;
        JsonObject paths = doc.getJsonObject("paths");
        for (String template : paths.fieldNames()) {
            for (String method : List.of("get", "post", "put", "patch", "delete")) {
                JsonObject op = paths.getJsonObject(template).getJsonObject(method);
                if (op == null || !op.containsKey("security") || op.getJsonArray("security").isEmpty()) {
                    continue; // public: nothing to refuse
                }
                Set<String> allowed = allowedRoles(op.getJsonArray("security"));
                String path = template.replaceAll("\\{[^}]+}", "0");
                String body = op.containsKey("requestBody")
                        ? op.getJsonObject("requestBody").getJsonObject("content").fieldNames().iterator().next() : null;
                for (Caller caller : callers) {
                    int status = send(method.toUpperCase(), path, body, caller.token());
                    checked++;
                    String expected;
                    if (caller.token() == null) {
                        expected = status == 401 ? null : "401";
                    } else if (allowed.isEmpty() || caller.roles().stream().anyMatch(allowed::contains)) {
                        expected = status == 401 || status == 403 ? "neither 401 nor 403" : null;
                    } else {
                        expected = status == 403 ? null : "403";
                    }
                    if (expected != null) {
                        wrong.add(method.toUpperCase() + " " + template + " as " + caller.name() + " (allowed: "
                                + (allowed.isEmpty() ? "anyone logged in" : allowed) + "): " + status
                                + ", expected " + expected);
                    }
                }
            }
        }
        assertTrue(checked > 300, "the matrix checked only " + checked + " cells");
        assertEquals(List.of(), wrong, "cells of the role matrix that do not hold");
    }

    /** The roles an operation's security requirement names, role sets (${gridgov.roles.x}) expanded. */
    static Set<String> allowedRoles(JsonArray security) {
        Set<String> out = new LinkedHashSet<>();
        for (int i = 0; i < security.size(); i++) {
            JsonObject requirement = security.getJsonObject(i);
            for (String scheme : requirement.fieldNames()) {
                for (Object role : requirement.getJsonArray(scheme)) {
                    Matcher set = ROLE_SET.matcher(role.toString());
                    if (set.matches()) {
                        out.addAll(Arrays.asList(ConfigProvider.getConfig().getValue(set.group(1), String.class)
                                .split(",")));
                    } else {
                        out.add(role.toString());
                    }
                }
            }
        }
        return out;
    }

    /** Sends an empty body of the operation's own media type ({@code bodyType}; null: no body). */
    private static int send(String method, String path, String bodyType, String token) {
        RequestSpecification request = given().config(RAW).header("X-Forwarded-For", StaffApi.address());
        if (token != null) {
            request.auth().oauth2(token);
        }
        if (bodyType != null && bodyType.startsWith("multipart/")) {
            request.contentType("multipart/form-data; boundary=x").body("--x--\r\n");
        } else if (bodyType != null) {
            request.contentType(bodyType).body("{}");
        }
        return request.when().request(method, path).statusCode();
    }
}
