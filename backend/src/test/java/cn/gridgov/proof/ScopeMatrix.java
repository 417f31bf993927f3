package cn.gridgov.proof;

import cn.gridgov.common.security.Role;
import cn.gridgov.proof.ScopeRow.Inside;
import io.restassured.http.ContentType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static cn.gridgov.proof.ScopeRow.elsewhere;
import static cn.gridgov.proof.ScopeRow.scoped;
import static cn.gridgov.proof.ScopeWorld.Scope.DEPARTMENT;
import static cn.gridgov.proof.ScopeWorld.Scope.REGION;
import static cn.gridgov.proof.ScopeWorld.Scope.RESIDENT;
import static cn.gridgov.proof.ScopeWorld.as;
import static cn.gridgov.proof.ScopeWorld.place;
import static cn.gridgov.proof.ScopeWorld.snapshot;
import static cn.gridgov.proof.ScopeWorld.version;

/**
 * The scope matrix: one row per operation of the OpenAPI document. A scoped row says how the operation is asked about
 * a side's object ({@link ScopeWorld}) and what the answer is outside the caller's scope: 404 for an object by id
 * (outside looks absent: the project's rule, e.g. {@code Visibility}, {@code HouseholdAccess}), 403 for a filter or a
 * target the caller names outside its area. A row that is not scoped says why.
 */
final class ScopeMatrix {

    /** Scope passed (not the 404 of an invisible incident): the role's part in the flow and the state decide the rest. */
    static final Inside REACHED = new Inside("not 404 (reached; the role's part in the flow decides)", s -> s != 404);

    private ScopeMatrix() {
    }

    static List<ScopeRow> rows() {
        List<ScopeRow> rows = new ArrayList<>();
        rows.addAll(regions());
        rows.addAll(people());
        rows.addAll(incidents());
        rows.addAll(visits());
        rows.addAll(departments());
        rows.addAll(NotScopedRows.rows());
        return rows;
    }

    private static List<ScopeRow> regions() {
        return List.of(
                scoped("GET /api/v1/regions/{id}", (w, c, s) -> as(c.token()).get("/api/v1/regions/" + place(c, s).id()),
                        404, REGION),
                scoped("GET /api/v1/regions/{id}/ancestors",
                        (w, c, s) -> as(c.token()).get("/api/v1/regions/" + s.building().id() + "/ancestors"), 404, REGION),
                scoped("GET /api/v1/regions/{id}/children",
                        (w, c, s) -> as(c.token()).get("/api/v1/regions/" + place(c, s).id() + "/children"), 404, REGION),
                scoped("GET /api/v1/regions/{id}/geojson",
                        (w, c, s) -> as(c.token()).get("/api/v1/regions/" + place(c, s).id() + "/geojson"), 404, REGION),
                elsewhere("GET /api/v1/regions/{id}/wxacode", "a node outside the caller's scope is 404 (WxacodeTest; "
                        + "inside needs the WeChat stub, which this matrix does not start)"),
                elsewhere("GET /api/v1/regions/{id}/wxacodes.zip", "a compound outside the caller's scope is 404 "
                        + "(WxacodeTest; inside needs the WeChat stub)"));
    }

    private static List<ScopeRow> people() {
        return List.of(
                scoped("GET /api/v1/buildings/{buildingId}/roster",
                        (w, c, s) -> as(c.token()).get("/api/v1/buildings/" + s.building().id() + "/roster"), 404, REGION),
                scoped("POST /api/v1/buildings/{buildingId}/rooms",
                        (w, c, s) -> as(c.token()).contentType(ContentType.JSON)
                                .body(room("2单元", c.role(), null))
                                .post("/api/v1/buildings/" + s.building().id() + "/rooms"), 404, REGION)
                        .unchanged((w, s) -> Integer.toString(ScopeWorld.count(
                                "SELECT count(*)::int FROM room WHERE building_id = $1", s.building().id()))),
                scoped("GET /api/v1/rooms/{id}", (w, c, s) -> as(c.token()).get("/api/v1/rooms/" + s.room()), 404, REGION),
                scoped("PUT /api/v1/rooms/{id}", (w, c, s) -> as(c.token()).contentType(ContentType.JSON)
                        .body(room("1单元", "10" + s.name(), version("room", s.room())))
                        .put("/api/v1/rooms/" + s.room()), 404, REGION)
                        .unchanged((w, s) -> snapshot("room", s.room())),
                scoped("DELETE /api/v1/rooms/{id}", (w, c, s) -> {
                    // inside: a room made for this call (the side's own room stays for the other rows)
                    long room = s == c.inside() ? w.room(s.building().id(), "9单元", "9" + c.role()) : s.room();
                    return as(c.token()).queryParam("version", version("room", room)).delete("/api/v1/rooms/" + room);
                }, 404, REGION).unchanged((w, s) -> snapshot("room", s.room())),
                scoped("POST /api/v1/rooms/{id}/households", (w, c, s) -> as(c.token()).contentType(ContentType.JSON)
                        .body(Map.of("label", "矩阵" + c.role())).post("/api/v1/rooms/" + s.room() + "/households"), 404, REGION)
                        .unchanged((w, s) -> Integer.toString(ScopeWorld.count(
                                "SELECT count(*)::int FROM household WHERE room_id = $1", s.room()))),
                scoped("GET /api/v1/households/{id}", (w, c, s) -> as(c.token()).get("/api/v1/households/" + s.household()),
                        404, REGION, RESIDENT),
                scoped("PUT /api/v1/households/{id}", (w, c, s) -> as(c.token()).contentType(ContentType.JSON)
                        .body(Map.of("label", "矩阵", "version", version("household", s.household())))
                        .put("/api/v1/households/" + s.household()), 404, REGION)
                        .unchanged((w, s) -> snapshot("household", s.household())),
                scoped("DELETE /api/v1/households/{id}", (w, c, s) -> {
                    long household = s == c.inside() ? w.household(s.room()) : s.household();
                    return as(c.token()).queryParam("version", version("household", household))
                            .delete("/api/v1/households/" + household);
                }, 404, REGION).unchanged((w, s) -> snapshot("household", s.household())),
                scoped("POST /api/v1/households/{id}/claim-codes",
                        (w, c, s) -> as(c.token()).post("/api/v1/households/" + s.household() + "/claim-codes"), 404, REGION)
                        .unchanged((w, s) -> Integer.toString(ScopeWorld.count(
                                "SELECT count(*)::int FROM household_claim_code WHERE household_id = $1", s.household()))),
                scoped("POST /api/v1/households/{id}/people", (w, c, s) -> as(c.token()).contentType(ContentType.JSON)
                        .body(person("矩阵" + c.role().length(), null, null)).post("/api/v1/households/" + s.household() + "/people"),
                        404, REGION, RESIDENT)
                        .unchanged((w, s) -> Integer.toString(ScopeWorld.count(
                                "SELECT count(*)::int FROM person WHERE household_id = $1", s.household()))),
                scoped("GET /api/v1/people/{id}", (w, c, s) -> as(c.token()).get("/api/v1/people/" + s.person()),
                        404, REGION, RESIDENT),
                scoped("PUT /api/v1/people/{id}", (w, c, s) -> as(c.token()).contentType(ContentType.JSON)
                        .body(person("范围" + s.name(), ScopeWorld.idNumber(s.building().id()),
                                version("person", s.person())))
                        .put("/api/v1/people/" + s.person()), 404, REGION, RESIDENT)
                        .unchanged((w, s) -> snapshot("person", s.person())),
                scoped("DELETE /api/v1/people/{id}", (w, c, s) -> {
                    long person = s == c.inside() ? w.person(s.household(), "待删" + c.role().length()) : s.person();
                    return as(c.token()).queryParam("version", version("person", person)).delete("/api/v1/people/" + person);
                }, 404, REGION, RESIDENT).unchanged((w, s) -> snapshot("person", s.person())),
                scoped("GET /api/v1/people/{id}/id-number", (w, c, s) -> as(c.token()).queryParam("reason", "范围矩阵")
                        .get("/api/v1/people/" + s.person() + "/id-number"), 404, REGION),
                scoped("GET /api/v1/people/{id}/phone", (w, c, s) -> as(c.token()).queryParam("reason", "范围矩阵")
                        .get("/api/v1/people/" + s.person() + "/phone"), 404, REGION));
    }

    private static List<ScopeRow> incidents() {
        return List.of(
                scoped("GET /api/v1/incidents/{id}", (w, c, s) -> as(c.token()).get("/api/v1/incidents/" + s.incident()),
                        404, REGION, DEPARTMENT, RESIDENT),
                scoped("GET /api/v1/incidents/{id}/flow",
                        (w, c, s) -> as(c.token()).get("/api/v1/incidents/" + s.incident() + "/flow"),
                        404, REGION, DEPARTMENT, RESIDENT),
                scoped("POST /api/v1/incidents/{id}/transitions", (w, c, s) -> as(c.token()).contentType(ContentType.JSON)
                        .body(Map.of("action", "ACCEPT", "version", version("incident", s.incident())))
                        .post("/api/v1/incidents/" + s.incident() + "/transitions"), 404, REGION, DEPARTMENT, RESIDENT)
                        .inside(REACHED).unchanged((w, s) -> snapshot("incident", s.incident())),
                scoped("GET /api/v1/me/requests/{id}", (w, c, s) -> as(c.token()).get("/api/v1/me/requests/" + s.incident()),
                        404, RESIDENT).only("a resident's own reports; staff have their own lists", Role.RESIDENT),
                scoped("GET /api/v1/me/requests", (w, c, s) -> as(c.token()).queryParam("limit", 50)
                        .get("/api/v1/me/requests"), 200, RESIDENT)
                        .only("a resident's own reports; staff have their own lists", Role.RESIDENT)
                        .narrowed((answer, s) -> answer.jsonPath().getList("items.id", Long.class).contains(s.incident())
                                ? "incident " + s.incident() : null),
                scoped("GET /api/v1/department-calls/by-incident/{incidentId}",
                        (w, c, s) -> as(c.token()).get("/api/v1/department-calls/by-incident/" + s.incident()),
                        404, REGION, DEPARTMENT),
                scoped("GET /api/v1/incidents", (w, c, s) -> as(c.token()).queryParam("regionId", place(c, s).id())
                        .get("/api/v1/incidents"), 200, REGION)
                        .narrowed((answer, s) -> answer.jsonPath().getList("items.id", Long.class).contains(s.incident())
                                ? "incident " + s.incident() : null),
                scoped("GET /api/v1/stats/overview", (w, c, s) -> as(c.token()).queryParam("regionId", place(c, s).id())
                        .get("/api/v1/stats/overview"), 404, REGION),
                scoped("GET /api/v1/stats/rates", (w, c, s) -> as(c.token()).queryParam("regionId", place(c, s).id())
                        .get("/api/v1/stats/rates"), 404, REGION),
                scoped("GET /api/v1/exports/incidents.csv", (w, c, s) -> as(c.token())
                        .queryParam("regionId", place(c, s).id()).get("/api/v1/exports/incidents.csv"), 404, REGION));
    }

    private static List<ScopeRow> visits() {
        return List.of(
                scoped("GET /api/v1/visits/due/{householdId}",
                        (w, c, s) -> as(c.token()).get("/api/v1/visits/due/" + s.household()), 404, REGION),
                scoped("GET /api/v1/visits", (w, c, s) -> as(c.token()).queryParam("householdId", s.household())
                        .get("/api/v1/visits"), 404, REGION),
                scoped("POST /api/v1/visits", (w, c, s) -> as(c.token()).contentType(ContentType.JSON)
                        .body(Map.of("householdId", s.household(), "mode", "PHONE", "situation", "范围矩阵电话走访"))
                        .post("/api/v1/visits"), 404, REGION)
                        .unchanged((w, s) -> Integer.toString(ScopeWorld.count(
                                "SELECT count(*)::int FROM key_group_visit WHERE household_id = $1", s.household()))),
                scoped("GET /api/v1/visits/due", (w, c, s) -> as(c.token()).queryParam("limit", 200)
                        .get("/api/v1/visits/due"), 200, REGION)
                        .narrowed((answer, s) -> answer.jsonPath().getList("items.householdId", Long.class)
                                .contains(s.household()) ? "household " + s.household() : null),
                scoped("GET /api/v1/people", (w, c, s) -> as(c.token()).queryParam("phone", ScopeWorld.PHONE)
                        .get("/api/v1/people"), 200, REGION)
                        .narrowed((answer, s) -> answer.jsonPath().getList("id", Long.class).contains(s.person())
                                ? "person " + s.person() : null));
    }

    private static List<ScopeRow> departments() {
        return List.of(
                scoped("GET /api/v1/department-calls/proposal/{incidentId}",
                        (w, c, s) -> as(c.token()).get("/api/v1/department-calls/proposal/" + s.incident()), 404, REGION),
                scoped("GET /api/v1/exports/incidents.geojson", (w, c, s) -> as(c.token())
                        .queryParam("regionId", place(c, s).id()).get("/api/v1/exports/incidents.geojson"), 404, REGION),
                scoped("GET /api/v1/exports/incidents.xlsx", (w, c, s) -> as(c.token())
                        .queryParam("regionId", place(c, s).id()).get("/api/v1/exports/incidents.xlsx"), 404, REGION),
                scoped("GET /api/v1/departments/{id}/staff",
                        (w, c, s) -> as(c.token()).get("/api/v1/departments/" + s.department() + "/staff"),
                        404, DEPARTMENT, REGION),
                scoped("GET /api/v1/department-calls", (w, c, s) -> as(c.token()).queryParam("limit", 200)
                        .get("/api/v1/department-calls"), 200, REGION, DEPARTMENT)
                        .narrowed((answer, s) -> answer.jsonPath().getList("items.id", Long.class)
                                .contains(s.departmentCall()) ? "call " + s.departmentCall() : null),
                callWrite("report"),
                callWrite("work"),
                callWrite("resolution"),
                callWrite("refusal"));
    }

    /** A department's step on a call: the other department's call is absent (404) and stays as it was. */
    private static ScopeRow callWrite(String step) {
        return scoped("POST /api/v1/department-calls/{id}/" + step, (w, c, s) -> as(c.token())
                .contentType(ContentType.JSON).body(Map.of("comment", "范围矩阵"))
                .post("/api/v1/department-calls/" + s.departmentCall() + "/" + step), 404, DEPARTMENT)
                .inside(REACHED).unchanged((w, s) -> snapshot("department_call", s.departmentCall()));
    }

    static Map<String, Object> room(String unit, String number, Integer version) {
        Map<String, Object> body = new HashMap<>();
        body.put("unitName", unit);
        body.put("number", number);
        body.put("floor", 1);
        body.put("use", "SELF_OCCUPIED");
        body.put("version", version);
        return body;
    }

    /** A person's body; an edit sends the ID number it keeps (none: the edit clears it). */
    static Map<String, Object> person(String name, String idNumber, Integer version) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("idNumber", idNumber);
        body.put("phone", ScopeWorld.PHONE);
        body.put("relation", "HEAD");
        body.put("tags", List.of("ELDERLY_ALONE"));
        body.put("version", version);
        return body;
    }

}
