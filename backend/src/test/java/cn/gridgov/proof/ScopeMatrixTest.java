package cn.gridgov.proof;

import cn.gridgov.common.security.Role;
import cn.gridgov.proof.ScopeWorld.Caller;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The scope half of the authorisation matrix ({@link RoleMatrixTest} is the role half): every operation of the served
 * OpenAPI document has a row in {@link ScopeMatrix}, either how it is tested inside and outside the caller's scope or
 * why it is not scoped. A scoped row runs, for every role it lets in, once about an object inside the caller's scope
 * (expected: the row's inside answer) and once about the same kind of object in another community, town, department
 * or household (expected: the row's outside answer, and for writes the object unchanged). An operation without a
 * row fails the test, so a new endpoint cannot skip it.
 */
@QuarkusTest
class ScopeMatrixTest {

    @Test
    void everyOperationHasAScopeRowAndNoCallerReachesAnotherScope() {
        JsonObject doc = new JsonObject(given().when().get("/q/openapi?format=json").then().statusCode(200)
                .extract().asString());
        Map<String, JsonObject> operations = new LinkedHashMap<>();
        JsonObject paths = doc.getJsonObject("paths");
        for (String template : paths.fieldNames()) {
            for (String method : List.of("get", "post", "put", "patch", "delete")) {
                JsonObject op = paths.getJsonObject(template).getJsonObject(method);
                if (op != null) {
                    operations.put(method.toUpperCase() + " " + template, op);
                }
            }
        }
        Map<String, ScopeRow> rows = new LinkedHashMap<>();
        List<String> duplicated = new ArrayList<>();
        for (ScopeRow row : ScopeMatrix.rows()) {
            if (rows.put(row.operation(), row) != null) {
                duplicated.add(row.operation());
            }
        }
        assertEquals(List.of(), duplicated, "operations with more than one row");
        List<String> missing = operations.keySet().stream().filter(o -> !rows.containsKey(o)).toList();
        assertEquals(List.of(), missing, "operations of the OpenAPI document without a row in ScopeMatrix: add a scope "
                + "case, or ScopeRow.notScoped with the reason");
        List<String> stale = rows.keySet().stream().filter(o -> !operations.containsKey(o)).toList();
        assertEquals(List.of(), stale, "rows of ScopeMatrix for operations the document no longer has");

        long built = System.nanoTime();
        ScopeWorld world = new ScopeWorld();
        System.out.println("scope matrix: the world was built in " + (System.nanoTime() - built) / 1_000_000 + " ms");
        List<String> wrong = new ArrayList<>();
        List<String> table = new ArrayList<>();
        int pairs = 0;
        int scopedRows = 0;
        for (ScopeRow row : rows.values()) {
            if (!row.isScoped()) {
                table.add(row.operation() + "\t—\t" + row.reason());
                continue;
            }
            scopedRows++;
            JsonObject op = operations.get(row.operation());
            Set<String> allowed = op.containsKey("security")
                    ? RoleMatrixTest.allowedRoles(op.getJsonArray("security")) : Set.of();
            List<Caller> callers = new ArrayList<>();
            for (ScopeWorld.Scope scope : row.scopes()) {
                for (Caller c : world.callers(scope)) {
                    boolean lets = allowed.isEmpty() || allowed.contains(c.role())
                            || (!Role.RESIDENT.equals(c.role()) && allowed.contains(Role.STAFF));
                    if (lets && (row.roles().isEmpty() || row.roles().contains(c.role()))) {
                        callers.add(c);
                    }
                }
            }
            if (callers.isEmpty()) {
                wrong.add(row.operation() + ": the row lets no caller in (allowed: " + allowed + ")");
                continue;
            }
            long started = System.nanoTime();
            for (Caller caller : callers) {
                String cell = row.operation() + "\t" + caller.role();
                Response in = send(row, world, caller, caller.inside(), wrong);
                if (in != null && !row.inside().test().test(in.statusCode())) {
                    wrong.add(cell + " inside (side " + caller.inside().name() + "): " + in.statusCode() + ", expected "
                            + row.inside().shown() + excerpt(in));
                }
                cell += "\tinside " + (in == null ? "-" : in.statusCode());
                if (caller.outside() == null) {
                    table.add(cell + "\t(no outside: the county is everything)");
                    continue;
                }
                String before = row.unchanged() == null ? null : row.unchanged().of(world, caller.outside());
                Response out = send(row, world, caller, caller.outside(), wrong);
                pairs++;
                if (out != null && out.statusCode() != row.outside()) {
                    wrong.add(cell + " outside (side " + caller.outside().name() + "): " + out.statusCode()
                            + ", expected " + row.outside() + excerpt(out));
                }
                if (out != null && row.leak() != null) {
                    String leaked = row.leak().in(out, caller.outside());
                    if (leaked != null) {
                        wrong.add(cell + " outside (side " + caller.outside().name() + ") LEAKED: " + leaked);
                    }
                }
                if (row.unchanged() != null) {
                    String after = row.unchanged().of(world, caller.outside());
                    if (!Objects.equals(before, after)) {
                        wrong.add(cell + " outside (side " + caller.outside().name() + ") CHANGED the object: "
                                + before + " → " + after);
                    }
                }
                table.add(cell + "\toutside " + (out == null ? "-" : out.statusCode()));
            }
            table.add(row.operation() + "\t" + (System.nanoTime() - started) / 1_000_000 + " ms");
        }
        System.out.println("scope matrix: " + scopedRows + " scoped operations (" + pairs + " inside/outside pairs), "
                + (rows.size() - scopedRows) + " not scoped\n" + String.join("\n", table));
        assertEquals(List.of(), wrong, "cells of the scope matrix that do not hold");
        assertTrue(pairs > 0, "no inside/outside pair ran");
        assertEquals(new LinkedHashSet<>(operations.keySet()), rows.keySet(), "one row per operation");
    }

    private static Response send(ScopeRow row, ScopeWorld world, Caller caller, ScopeWorld.Side side,
                                 List<String> wrong) {
        try {
            return row.probe().send(world, caller, side);
        } catch (RuntimeException | AssertionError e) {
            wrong.add(row.operation() + "\t" + caller.role() + " side " + side.name() + ": the probe failed: " + e);
            return null;
        }
    }

    private static String excerpt(Response response) {
        String body = response.asString();
        return " " + (body.length() > 200 ? body.substring(0, 200) + "…" : body);
    }
}
