package cn.gridgov.people.visit;

import cn.gridgov.common.security.Role;
import cn.gridgov.common.time.TestClock;
import cn.gridgov.identity.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Key-group visits from outside: scope, the position check, the due order on the test clock, follow-ups, bad input. */
@QuarkusTest
class VisitTest {

    private static final ZoneId CN = ZoneId.of("Asia/Shanghai");
    /** A plain Wednesday. */
    private static final Instant WEDNESDAY_9 = at(2026, 12, 2, 9, 0);

    @Inject
    TestClock clock;

    @AfterEach
    void realTimeAgain() {
        clock.reset();
    }

    @Test
    void anotherCompoundsGridWorkerCannotSeeTheHouseholdsVisitsOrDueEntry() {
        clock.freezeAt(WEDNESDAY_9);
        VisitFixture f = new VisitFixture();
        long household = f.household("ELDERLY_ALONE");
        long visit = f.visited(household, WEDNESDAY_9.minus(Duration.ofDays(1)));

        f.dueOf(f.worker.token(), household).statusCode(200).body("householdId", equalTo((int) household));
        f.dueOf(f.otherWorker.token(), household).statusCode(404).contentType("application/problem+json")
                .body("code", equalTo("HOUSEHOLD_NOT_FOUND")).body("detail", containsString("户不存在"));
        given().auth().oauth2(f.otherWorker.token()).when().get("/api/v1/visits/" + visit).then().statusCode(404);
        given().auth().oauth2(f.otherWorker.token()).queryParam("householdId", household)
                .when().get("/api/v1/visits").then().statusCode(404);
        f.record(f.otherWorker.token(), f.body(household, "PHONE", 0, null)).statusCode(404);
        assertFalse(f.dueIds(f.otherWorker.token()).contains(household), "not in the other compound's due list");
        assertTrue(f.dueIds(f.worker.token()).contains(household));
        assertEquals(1, VisitFixture.count("SELECT count(*) FROM key_group_visit WHERE household_id = $1", household),
                "the other worker's attempt wrote nothing");

        // the community above sees it; department staff are bound to no node and see nothing
        TestTokens.Staff admin = TestTokens.staffOn(f.tree.communityA(), Role.COMMUNITY_ADMIN);
        f.dueOf(admin.token(), household).statusCode(200);
        given().auth().oauth2(admin.token()).queryParam("householdId", household).when().get("/api/v1/visits")
                .then().statusCode(200).body("items.id", equalTo(List.of((int) visit)));
    }

    @Test
    void homeVisitFarFromTheBuildingIsAcceptedButFlaggedAPhoneOrVideoVisitNever() {
        clock.freezeAt(WEDNESDAY_9);
        VisitFixture f = new VisitFixture();
        long household = f.household("DISABLED");

        f.record(f.worker.token(), f.body(household, "HOME", 30, null)).statusCode(201)
                .header("Location", matchesPattern(".*/api/v1/visits/\\d+"))
                .body("farFromBuilding", equalTo(false))
                .body("distanceMetres", greaterThan(20f)).body("distanceMetres", lessThan(40f))
                .body("modeName", equalTo("上门"));
        f.record(f.worker.token(), f.body(household, "HOME", 800, null)).statusCode(201)
                .body("farFromBuilding", equalTo(true))
                .body("distanceMetres", greaterThan(700f));
        // by phone or video the worker need not be there: the distance is kept, never flagged
        f.record(f.worker.token(), f.body(household, "PHONE", 800, null)).statusCode(201)
                .body("farFromBuilding", equalTo(false))
                .body("distanceMetres", greaterThan(700f));
        f.record(f.worker.token(), f.body(household, "VIDEO", 800, null)).statusCode(201)
                .body("farFromBuilding", equalTo(false));
        assertEquals(1, VisitFixture.count(
                "SELECT count(*) FROM key_group_visit WHERE household_id = $1 AND far_from_building", household));
    }

    @Test
    void dueListIsOrderedByHowOverdueEachHouseholdIsOnTheApplicationClock() {
        clock.freezeAt(WEDNESDAY_9);
        VisitFixture f = new VisitFixture();
        long lowIncome = f.household("LOW_INCOME");      // 30 days
        long elderly = f.household("ELDERLY_ALONE");     // 7 days
        long disabled = f.household("DISABLED");         // 14 days
        long both = f.household("LOW_INCOME", "ELDERLY_ALONE");   // the shorter: 7 days
        long none = f.household();                       // in no key group
        Instant tenDaysAgo = WEDNESDAY_9.minus(Duration.ofDays(10));
        f.visited(lowIncome, tenDaysAgo);
        f.visited(disabled, tenDaysAgo);
        f.visited(elderly, tenDaysAgo);
        f.visited(both, WEDNESDAY_9.minus(Duration.ofDays(8)));

        f.due(f.worker.token(), Map.of()).statusCode(200)
                .body("items.householdId", equalTo(List.of((int) elderly, (int) both, (int) disabled, (int) lowIncome)))
                .body("items.overdueDays", equalTo(List.of(3, 1, -4, -20)))
                .body("items[1].intervalDays", equalTo(7))
                .body("items[1].kinds", equalTo(List.of("ELDERLY_ALONE", "LOW_INCOME")));
        f.dueOf(f.worker.token(), none).statusCode(404);

        // paged by cursor in the same order
        String cursor = f.due(f.worker.token(), Map.of("limit", 2)).statusCode(200)
                .body("items.householdId", equalTo(List.of((int) elderly, (int) both)))
                .extract().path("nextCursor");
        f.due(f.worker.token(), Map.of("limit", 2, "cursor", cursor)).statusCode(200)
                .body("items.householdId", equalTo(List.of((int) disabled, (int) lowIncome)))
                .body("nextCursor", nullValue());
        f.due(f.worker.token(), Map.of("withinDays", 0)).statusCode(200)
                .body("items.householdId", equalTo(List.of((int) elderly, (int) both)));

        // four days on the clock: the disabled household is due today; a visit moves the elderly one to the end
        clock.freezeAt(WEDNESDAY_9.plus(Duration.ofDays(4)));
        f.visited(elderly, WEDNESDAY_9.plus(Duration.ofDays(4)));
        f.due(f.worker.token(), Map.of()).statusCode(200)
                .body("items.householdId", equalTo(List.of((int) both, (int) disabled, (int) elderly, (int) lowIncome)))
                .body("items.overdueDays", equalTo(List.of(5, 0, -7, -16)));

        // a tag added to a person (by whoever edits people) puts the household on the list at once
        VisitFixture.pool().preparedQuery("UPDATE person SET tags = '{LEFT_BEHIND_CHILD}' WHERE household_id = $1")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(none)).await().atMost(Duration.ofSeconds(10));
        f.dueOf(f.worker.token(), none).statusCode(200).body("intervalDays", equalTo(14))
                .body("lastVisitAt", nullValue());
    }

    @Test
    void followUpBecomesOneIncidentFromTheVisit() {
        clock.freezeAt(WEDNESDAY_9);
        VisitFixture f = new VisitFixture();
        long household = f.household("ELDERLY_ALONE");
        Map<String, Object> body = f.body(household, "HOME", 0, null);
        body.put("followUp", "楼道灯坏了，夜里看不清");
        long visit = f.record(f.worker.token(), body).statusCode(201).extract().jsonPath().getLong("id");

        int incident = given().auth().oauth2(f.worker.token()).contentType(ContentType.JSON)
                .body(Map.of("categoryCode", "0101")).when().post("/api/v1/visits/" + visit + "/incident")
                .then().statusCode(201).body("source", equalTo("VISIT"))
                .body("description", equalTo("楼道灯坏了，夜里看不清")).extract().path("id");
        given().auth().oauth2(f.worker.token()).contentType(ContentType.JSON)
                .body(Map.of("categoryCode", "0101")).when().post("/api/v1/visits/" + visit + "/incident")
                .then().statusCode(200).body("id", equalTo(incident));
        assertEquals(1, VisitFixture.count("SELECT count(*) FROM incident WHERE source = 'VISIT' AND building_id = $1",
                f.tree.buildingA().id()), "one incident, however often asked");
        given().auth().oauth2(f.worker.token()).queryParam("coordType", "wgs84").when().get("/api/v1/visits/" + visit)
                .then().statusCode(200).body("incidentId", equalTo(incident));

        // someone else's visit cannot be turned into an incident by them; another compound's cannot be seen
        long second = f.record(f.worker.token(), body).statusCode(201).extract().jsonPath().getLong("id");
        TestTokens.Staff admin = TestTokens.staffOn(f.tree.communityA(), Role.COMMUNITY_ADMIN);
        given().auth().oauth2(admin.token()).contentType(ContentType.JSON).body(Map.of("categoryCode", "0101"))
                .when().post("/api/v1/visits/" + second + "/incident").then().statusCode(403)
                .body("code", equalTo("VISIT_NOT_YOURS"));
        given().auth().oauth2(f.otherWorker.token()).contentType(ContentType.JSON).body(Map.of("categoryCode", "0101"))
                .when().post("/api/v1/visits/" + second + "/incident").then().statusCode(404);
    }

    @Test
    void badInputIsRefusedWithChineseProblemsAndNothingWritten() {
        clock.freezeAt(WEDNESDAY_9);
        VisitFixture f = new VisitFixture();
        long household = f.household("ELDERLY_ALONE");
        Map<String, Object> body = f.body(household, "WALK", 0, WEDNESDAY_9.plus(Duration.ofDays(1)));
        body.put("situation", " ");
        f.record(f.worker.token(), body).statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("VALIDATION_FAILED"))
                .body("detail", containsString("走访记录有误"))
                .body("errors.field", hasItems("mode", "situation", "visitedAt"));
        Map<String, Object> noPlace = f.body(household, "上门", 0, null);
        noPlace.remove("location");
        f.record(f.worker.token(), noPlace).statusCode(400).body("errors[0].field", equalTo("location"))
                .body("errors[0].message", containsString("位置"));
        assertEquals(0, VisitFixture.count("SELECT count(*) FROM key_group_visit WHERE household_id = $1", household));
        f.dueOf(f.worker.token(), household).statusCode(200).body("lastVisitAt", nullValue());

        f.due(f.worker.token(), Map.of("withinDays", "soon")).statusCode(400).body("code", equalTo("BAD_WITHIN_DAYS"))
                .body("detail", containsString("withinDays 应为"));
        given().auth().oauth2(f.worker.token()).when().get("/api/v1/visits").then().statusCode(400)
                .body("code", equalTo("HOUSEHOLD_ID_REQUIRED"));
        TestTokens.Staff countyAdmin = TestTokens.staffOn(f.tree.county(), Role.COUNTY_ADMIN);
        given().auth().oauth2(countyAdmin.token()).contentType(ContentType.JSON).body(Map.of("intervalDays", 0))
                .when().put("/api/v1/visits/rules/ELDERLY_ALONE").then().statusCode(400)
                .body("errors[0].field", equalTo("intervalDays"));
        given().auth().oauth2(countyAdmin.token()).contentType(ContentType.JSON).body(Map.of("intervalDays", 5))
                .when().put("/api/v1/visits/rules/HAPPY").then().statusCode(400).body("code", equalTo("BAD_KEY_GROUP_KIND"));
        given().auth().oauth2(f.worker.token()).contentType(ContentType.JSON).body(Map.of("intervalDays", 5))
                .when().put("/api/v1/visits/rules/ELDERLY_ALONE").then().statusCode(403);
    }

    @Test
    void countyAdminChangesAnIntervalAndTheDueTimesFollow() {
        clock.freezeAt(WEDNESDAY_9);
        VisitFixture f = new VisitFixture();
        long household = f.household("LEFT_BEHIND_CHILD");
        f.visited(household, WEDNESDAY_9);
        TestTokens.Staff countyAdmin = TestTokens.staffOn(f.tree.county(), Role.COUNTY_ADMIN);
        try {
            given().auth().oauth2(countyAdmin.token()).contentType(ContentType.JSON).body(Map.of("intervalDays", 3))
                    .when().put("/api/v1/visits/rules/LEFT_BEHIND_CHILD").then().statusCode(200)
                    .body("find { it.kind == 'LEFT_BEHIND_CHILD' }.intervalDays", equalTo(3))
                    .body("find { it.kind == 'LEFT_BEHIND_CHILD' }.custom", equalTo(true))
                    .body("find { it.kind == 'LEFT_BEHIND_CHILD' }.defaultDays", equalTo(14));
            f.dueOf(f.worker.token(), household).statusCode(200).body("intervalDays", equalTo(3))
                    .body("overdueDays", equalTo(-3));
            given().auth().oauth2(f.worker.token()).when().get("/api/v1/visits/rules").then().statusCode(200)
                    .body("find { it.kind == 'LEFT_BEHIND_CHILD' }.intervalDays", equalTo(3));
        } finally {
            given().auth().oauth2(countyAdmin.token()).contentType(ContentType.JSON).body(Map.of("intervalDays", 14))
                    .when().put("/api/v1/visits/rules/LEFT_BEHIND_CHILD").then().statusCode(200);
        }
        f.dueOf(f.worker.token(), household).statusCode(200).body("intervalDays", equalTo(14));
    }

    static Instant at(int y, int m, int d, int h, int min) {
        return LocalDateTime.of(y, m, d, h, min).atZone(CN).toInstant();
    }
}
