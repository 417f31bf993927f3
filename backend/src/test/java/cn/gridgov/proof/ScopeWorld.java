package cn.gridgov.proof;

import cn.gridgov.common.security.Role;
import cn.gridgov.department.DepartmentFixture;
import cn.gridgov.identity.TestTokens;
import cn.gridgov.identity.staff.StaffApi;
import cn.gridgov.incident.IncidentFixture;
import cn.gridgov.people.person.IdNumber;
import cn.gridgov.region.RegionFixture;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Row;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/**
 * The world the scope half of the authorisation matrix runs in: two towns (two {@link RegionFixture#create() trees}),
 * three sides with the same objects in each (A: community A of the home town, B: community B of the home town, X:
 * community A of the other town), a caller of every staff role bound inside side A, department staff of two
 * departments, and residents who each claimed the household of their side and reported its incident.
 * <p>
 * Each caller has an inside side (its own) and an outside side, the nearest place it must not reach: community B for
 * the roles of a community and below, the other town for the town admin, the other department for department staff,
 * the other household for a resident. A county admin has no outside: the test county is the whole database.
 */
final class ScopeWorld {

    /** The objects of one side: its region nodes and what lives in them. */
    record Side(String name, RegionFixture.Node community, RegionFixture.Node compound, RegionFixture.Node building,
                long room, long household, long person, long incident, long department,
                long departmentCall, TestTokens.Resident resident) {
    }

    /** Who calls: the role (what the matrix shows), its token and user id, where it may and may not reach. */
    record Caller(String role, String token, long userId, Side inside, Side outside) {
    }

    /** Whose scope a row checks. */
    enum Scope {
        /** Staff bound to a node of the region tree: the node's subtree. */
        REGION,
        /** Department staff: what their department was called to. */
        DEPARTMENT,
        /** A resident: their own household and what they reported. */
        RESIDENT
    }

    /** The phone of every side's person: a search by it must find only the caller's side. */
    static final String PHONE = "13800001111";

    final RegionFixture.Tree home = RegionFixture.create();
    final RegionFixture.Tree away = RegionFixture.create();
    /** Builds the sides (the county admin caller: it reaches everything). */
    private final TestTokens.Staff county = TestTokens.staffOn(home.county(), Role.COUNTY_ADMIN);
    final Side a;
    final Side b;
    final Side x;
    private final Map<Scope, List<Caller>> callers = new HashMap<>();

    ScopeWorld() {
        long d1 = DepartmentFixture.department("范围矩阵甲部门");
        long d2 = DepartmentFixture.department("范围矩阵乙部门");
        a = side("A", home.communityA(), home.compoundA(), home.buildingA(), d1);
        b = side("B", home.communityB(), home.compoundB(), home.buildingB(), d2);
        x = side("X", away.communityA(), away.compoundA(), away.buildingA(), d2);

        List<Caller> region = new ArrayList<>();
        region.add(staff(Role.GRID_WORKER, home.compoundA(), b));
        region.add(staff(Role.BUILDING_LEAD, home.buildingA(), b));
        region.add(staff(Role.GRID_LEADER, home.communityA(), b));
        region.add(staff(Role.COMMUNITY_ADMIN, home.communityA(), b));
        region.add(staff(Role.TOWN_ADMIN, home.town(), x));
        region.add(new Caller(Role.COUNTY_ADMIN, county.token(), county.userId(), a, null));
        callers.put(Scope.REGION, region);

        List<Caller> department = new ArrayList<>();
        for (String role : List.of(Role.DEPT_HANDLER, Role.DEPT_ADMIN)) {
            TestTokens.Staff s = DepartmentFixture.staffOf(d1, home.county().id(), role);
            department.add(new Caller(role, s.token(), s.userId(), a, b));
        }
        callers.put(Scope.DEPARTMENT, department);
        callers.put(Scope.RESIDENT, List.of(new Caller(Role.RESIDENT, a.resident().token(), a.resident().userId(), a, b)));
    }

    List<Caller> callers(Scope scope) {
        return callers.get(scope);
    }

    private Caller staff(String role, RegionFixture.Node node, Side outside) {
        TestTokens.Staff s = TestTokens.staffOn(node, role);
        return new Caller(role, s.token(), s.userId(), a, outside);
    }

    /**
     * The node of {@code side} at the level {@code caller} works on: a building lead's building, a grid worker's
     * compound, everyone else's community (what they would pass as a {@code regionId}).
     */
    static RegionFixture.Node place(Caller caller, Side side) {
        return switch (caller.role()) {
            case Role.BUILDING_LEAD -> side.building();
            case Role.GRID_WORKER -> side.compound();
            default -> side.community();
        };
    }

    /** A side: a room, a household claimed by the side's resident, a person, an incident reported there. */
    private Side side(String name, RegionFixture.Node community, RegionFixture.Node compound,
                      RegionFixture.Node building, long department) {
        long room = room(building.id(), "1单元", "10" + name);
        long household = household(room);
        long person = person(household, "范围" + name, idNumber(building.id()));
        TestTokens.Resident resident = TestTokens.resident();
        String code = as(county.token()).post("/api/v1/households/" + household + "/claim-codes").then()
                .statusCode(201).extract().jsonPath().getString("code");
        as(resident.token()).contentType(ContentType.JSON).body(Map.of("code", code))
                .post("/api/v1/me/household/claim").then().statusCode(200);
        long incident = incident(resident.token(), building);
        DepartmentFixture.called(incident, department, county.userId(), community.id());
        long call = IncidentFixture.rows("SELECT id FROM department_call WHERE incident_id = $1 AND department_id = $2",
                incident, department).get(0).getLong("id");
        return new Side(name, community, compound, building, room, household, person, incident, department, call,
                resident);
    }

    long room(long building, String unit, String number) {
        Map<String, Object> body = new HashMap<>();
        body.put("unitName", unit);
        body.put("number", number);
        body.put("floor", 1);
        body.put("use", "SELF_OCCUPIED");
        return as(county.token()).contentType(ContentType.JSON).body(body)
                .post("/api/v1/buildings/" + building + "/rooms").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    long household(long room) {
        return as(county.token()).contentType(ContentType.JSON).body(Map.of())
                .post("/api/v1/rooms/" + room + "/households").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    long person(long household, String name) {
        return person(household, name, null);
    }

    long person(long household, String name, String idNumber) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("idNumber", idNumber);
        body.put("phone", PHONE);
        body.put("relation", "HEAD");
        body.put("tags", List.of("ELDERLY_ALONE"));
        return as(county.token()).contentType(ContentType.JSON).body(body)
                .post("/api/v1/households/" + household + "/people").then().statusCode(201)
                .extract().jsonPath().getLong("id");
    }

    /** A valid ID number no other run uses: made from the building's id (unique in the database), as PeopleFixture does. */
    static String idNumber(long buildingId) {
        LocalDate birth = LocalDate.of(1940, 1, 1).plusDays(buildingId % 30_000);
        String seq = String.format("%03d", (buildingId / 30_000) % 1000);
        return IdNumber.withCheck("219900" + birth.toString().replace("-", "") + seq);
    }

    /** An incident reported by {@code token} at the building's point (inside its compound). */
    static long incident(String token, RegionFixture.Node building) {
        Map<String, Object> body = new HashMap<>();
        body.put("categoryCode", "0101");
        body.put("description", "范围矩阵 " + building.name());
        body.put("location", Map.of("lng", building.lng(), "lat", building.lat(), "coordType", "wgs84"));
        return as(token).contentType(ContentType.JSON).header("Idempotency-Key", UUID.randomUUID().toString())
                .body(body).post("/api/v1/incidents").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    /** REST Assured as {@code token}, from an address of its own (per-address limits of one case never touch another). */
    static RequestSpecification as(String token) {
        return given().auth().oauth2(token).header("X-Forwarded-For", StaffApi.address());
    }

    /** The row {@code id} of {@code table} as text (null: gone): what a refused write must leave as it was. */
    static String snapshot(String table, long id) {
        List<Row> rows = IncidentFixture.rows("SELECT row_to_json(t)::text AS r FROM " + table + " t WHERE id = $1", id);
        return rows.isEmpty() ? null : rows.get(0).getString("r");
    }

    /** The {@code version} column of row {@code id} of {@code table}. */
    static int version(String table, long id) {
        return IncidentFixture.intValue("SELECT version FROM " + table + " WHERE id = $1", id);
    }

    /** How many rows {@code sql} counts. */
    static int count(String sql, Object... args) {
        return IncidentFixture.intValue(sql, args);
    }
}
