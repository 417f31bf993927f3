package cn.gridgov.volunteer;

import cn.gridgov.common.security.Role;
import cn.gridgov.identity.TestTokens;
import cn.gridgov.incident.IncidentFixture;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import static cn.gridgov.volunteer.VolunteerFixture.CLAIMS;
import static cn.gridgov.volunteer.VolunteerFixture.TASKS;
import static cn.gridgov.volunteer.VolunteerFixture.as;
import static cn.gridgov.volunteer.VolunteerFixture.count;
import static cn.gridgov.volunteer.VolunteerFixture.parallel;
import static cn.gridgov.volunteer.VolunteerFixture.photo;
import static cn.gridgov.volunteer.VolunteerFixture.published;
import static cn.gridgov.volunteer.VolunteerFixture.task;
import static cn.gridgov.volunteer.VolunteerFixture.volunteer;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Volunteer tasks from outside: publish, claim up to the number needed (also at once), report, confirm once, cancel. */
@QuarkusTest
class VolunteerTaskTest {

    @Test
    void tenClaimsAtOnceForThreePlacesGiveExactlyThree() {
        VolunteerFixture f = new VolunteerFixture();
        long taskId = published(f.party.adminA.token(), task(f.party.tree.communityA().id(), f.party.tree.compoundA().id(), 3, 10));
        List<TestTokens.Resident> volunteers = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            volunteers.add(volunteer(f.party.tree.communityA().id(), f.phone()));
        }
        List<Callable<Integer>> claims = new ArrayList<>();
        for (TestTokens.Resident v : volunteers) {
            claims.add(() -> as(v.token()).post(TASKS + "/" + taskId + "/claims").then().extract().statusCode());
        }
        List<Integer> statuses = parallel(claims);
        assertEquals(3, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
        assertEquals(7, statuses.stream().filter(s -> s == 409).count(), statuses.toString());
        assertEquals(3, count("SELECT count(*) FROM volunteer_claim WHERE task_id = $1", taskId));
        as(f.party.adminA.token()).get(TASKS + "/" + taskId).then().statusCode(200)
                .body("claimed", equalTo(3)).body("remaining", equalTo(0));
        TestTokens.Resident late = volunteer(f.party.tree.communityA().id(), f.phone());
        as(late.token()).post(TASKS + "/" + taskId + "/claims").then().statusCode(409).body("code", equalTo("TASK_FULL"))
                .body("detail", containsString("名额已满"));
    }

    @Test
    void oneClaimPerVolunteerEvenWhenSentTwiceAtOnce() {
        VolunteerFixture f = new VolunteerFixture();
        long taskId = published(f.party.adminA.token(), task(f.party.tree.communityA().id(), f.party.tree.buildingA().id(), 5, 10));
        TestTokens.Resident v = volunteer(f.party.tree.communityA().id(), f.phone());
        List<Integer> statuses = parallel(List.<Callable<Integer>>of(
                () -> as(v.token()).post(TASKS + "/" + taskId + "/claims").then().extract().statusCode(),
                () -> as(v.token()).post(TASKS + "/" + taskId + "/claims").then().extract().statusCode()));
        assertEquals(List.of(201, 409), statuses.stream().sorted().toList());
        as(v.token()).post(TASKS + "/" + taskId + "/claims").then().statusCode(409).body("code", equalTo("ALREADY_CLAIMED"));
        as(f.party.adminA.token()).get(TASKS + "/" + taskId).then().body("claimed", equalTo(1));
    }

    @Test
    void aReportedClaimConfirmedTwiceCreditsPointsOnceAndTellsTheVolunteer() {
        VolunteerFixture f = new VolunteerFixture();
        long taskId = published(f.party.adminA.token(), task(f.party.tree.communityA().id(), f.party.tree.compoundA().id(), 2, 25));
        TestTokens.Resident v = volunteer(f.party.tree.communityA().id(), f.phone());
        TestTokens.Resident w = volunteer(f.party.tree.communityA().id(), f.phone());
        long claim = as(v.token()).post(TASKS + "/" + taskId + "/claims").then().statusCode(201)
                .body("status", equalTo("CLAIMED")).extract().jsonPath().getLong("id");
        long other = as(w.token()).post(TASKS + "/" + taskId + "/claims").then().statusCode(201).extract().jsonPath().getLong("id");

        // not reported yet: nothing to confirm; someone else's claim cannot be reported
        as(f.party.adminA.token()).post(CLAIMS + "/" + claim + "/confirm").then().statusCode(409)
                .body("code", equalTo("CLAIM_NOT_REPORTED"));
        String photo = photo(v.token());
        as(w.token()).body(Map.of("mediaIds", List.of(photo(w.token())))).post(CLAIMS + "/" + claim + "/report").then()
                .statusCode(404).body("code", equalTo("VOLUNTEER_CLAIM_NOT_FOUND"));
        as(v.token()).body(Map.of("note", "没有照片")).post(CLAIMS + "/" + claim + "/report").then().statusCode(400)
                .body("code", equalTo("VALIDATION_FAILED")).body("errors[0].message", containsString("照片"));
        as(v.token()).body(Map.of("mediaIds", List.of(photo(w.token())))).post(CLAIMS + "/" + claim + "/report").then()
                .statusCode(400).body("code", equalTo("MEDIA_NOT_ATTACHABLE"));
        as(v.token()).body(Map.of("note", "共为 26 位老人测了血压", "mediaIds", List.of(photo)))
                .post(CLAIMS + "/" + claim + "/report").then().statusCode(200).body("status", equalTo("REPORTED"))
                .body("mediaIds", equalTo(List.of(photo)));
        as(v.token()).body(Map.of("mediaIds", List.of(photo))).post(CLAIMS + "/" + claim + "/report").then()
                .statusCode(409).body("code", equalTo("CLAIM_NOT_OPEN"));
        // the report's photo: seen by staff of the task's community, not by another community
        given().auth().oauth2(f.party.adminA.token()).redirects().follow(false).get("/api/v1/media/" + photo).then()
                .statusCode(303);
        given().auth().oauth2(f.party.adminB.token()).redirects().follow(false).get("/api/v1/media/" + photo).then()
                .statusCode(404);

        // another community's admin neither sees nor confirms it
        as(f.party.adminB.token()).post(CLAIMS + "/" + claim + "/confirm").then().statusCode(404);
        as(f.party.adminB.token()).get(TASKS + "/" + taskId).then().statusCode(404);
        as(f.party.adminB.token()).get(TASKS + "/" + taskId + "/claims").then().statusCode(404);
        as(f.party.adminB.token()).get(TASKS).then().statusCode(200).body("items.id", not(hasItem((int) taskId)));

        as(f.party.adminA.token()).post(CLAIMS + "/" + claim + "/confirm").then().statusCode(200)
                .body("status", equalTo("CONFIRMED")).body("pointsCredited", equalTo(25));
        as(f.party.adminA.token()).post(CLAIMS + "/" + claim + "/confirm").then().statusCode(200)
                .body("status", equalTo("CONFIRMED")).body("pointsCredited", equalTo(25));
        assertEquals(1, count("SELECT count(*) FROM volunteer_points WHERE claim_id = $1", claim));
        as(v.token()).get("/api/v1/volunteer-points/mine").then().statusCode(200).body("balance", equalTo(25))
                .body("earned", equalTo(25)).body("items[0].kind", equalTo("CREDIT")).body("items[0].claimId", equalTo((int) claim));
        assertEquals(1, count("SELECT count(*) FROM notify_outbox WHERE recipient_id = $1 AND event_type = 'VOLUNTEER_POINTS' "
                + "AND template_id = 'tpl-volunteer-points' AND payload->'data'->'number1'->>'value' = '25'", v.userId()));
        assertEquals(1, count("SELECT count(*) FROM notify_outbox WHERE recipient_id = $1 AND event_type = 'VOLUNTEER_TASK' "
                + "AND template_id = 'tpl-volunteer-task' AND payload->'data'->'phrase2'->>'value' = '已确认'", v.userId()));

        // two confirmations at once of the other claim: both answer it confirmed, one credit
        as(w.token()).body(Map.of("mediaIds", List.of(photo(w.token())))).post(CLAIMS + "/" + other + "/report").then()
                .statusCode(200);
        List<Integer> statuses = parallel(List.<Callable<Integer>>of(
                () -> as(f.party.adminA.token()).post(CLAIMS + "/" + other + "/confirm").then().extract().statusCode(),
                () -> as(f.party.adminA.token()).post(CLAIMS + "/" + other + "/confirm").then().extract().statusCode()));
        assertEquals(List.of(200, 200), statuses);
        assertEquals(1, count("SELECT count(*) FROM volunteer_points WHERE claim_id = $1", other));
        assertEquals(25, count("SELECT balance_after FROM volunteer_points WHERE claim_id = $1", other));
    }

    @Test
    void cancellingATaskEndsItsClaimsAndTellsTheirVolunteers() {
        VolunteerFixture f = new VolunteerFixture();
        long taskId = published(f.party.adminA.token(), task(f.party.tree.communityA().id(), f.party.tree.compoundA().id(), 2, 5));
        TestTokens.Resident v = volunteer(f.party.tree.communityA().id(), f.phone());
        long claim = as(v.token()).post(TASKS + "/" + taskId + "/claims").then().statusCode(201).extract().jsonPath().getLong("id");
        as(f.party.adminA.token()).body(Map.of("version", 0)).post(TASKS + "/" + taskId + "/cancel").then().statusCode(400)
                .body("code", equalTo("VALIDATION_FAILED"));
        as(f.party.adminB.token()).body(Map.of("version", 0, "reason", "天气原因改期")).post(TASKS + "/" + taskId + "/cancel")
                .then().statusCode(404);
        as(f.party.adminA.token()).body(Map.of("version", 5, "reason", "天气原因改期")).post(TASKS + "/" + taskId + "/cancel")
                .then().statusCode(409).body("code", equalTo("STALE_VERSION"));
        as(f.party.adminA.token()).body(Map.of("version", 0, "reason", "天气原因改期")).post(TASKS + "/" + taskId + "/cancel")
                .then().statusCode(200).body("status", equalTo("CANCELLED")).body("cancelReason", equalTo("天气原因改期"));
        as(v.token()).get(CLAIMS + "/mine").then().statusCode(200).body("items[0].id", equalTo((int) claim))
                .body("items[0].status", equalTo("CANCELLED"));
        assertEquals(1, count("SELECT count(*) FROM notify_outbox WHERE recipient_id = $1 AND event_type = 'VOLUNTEER_TASK' "
                + "AND subject = $2 AND payload->'data'->'phrase2'->>'value' = '已取消' "
                + "AND payload->'data'->'thing3'->>'value' = '天气原因改期'", v.userId(), "volunteer_claim:" + claim + ":CANCELLED"));
        TestTokens.Resident late = volunteer(f.party.tree.communityA().id(), f.phone());
        as(late.token()).post(TASKS + "/" + taskId + "/claims").then().statusCode(409).body("code", equalTo("TASK_CLOSED"));
        as(f.party.adminA.token()).body(Map.of("version", 1, "reason", "再取消")).post(TASKS + "/" + taskId + "/cancel")
                .then().statusCode(409).body("code", equalTo("TASK_CANCELLED"));
    }

    @Test
    void volunteersSeeAndClaimOnlyTheirCommunitysTasksAndClaimersPhonesAreMasked() {
        VolunteerFixture f = new VolunteerFixture();
        long taskId = published(f.party.adminA.token(), task(f.party.tree.communityA().id(), f.party.tree.compoundA().id(), 2, 5));
        String phone = f.phone();
        TestTokens.Resident mine = volunteer(f.party.tree.communityA().id(), phone);
        TestTokens.Resident elsewhere = volunteer(f.party.tree.communityB().id(), f.phone());
        as(mine.token()).get(TASKS).then().statusCode(200).body("items.id", hasItem((int) taskId));
        as(elsewhere.token()).get(TASKS).then().statusCode(200).body("items.id", not(hasItem((int) taskId)));
        as(elsewhere.token()).get(TASKS + "/" + taskId).then().statusCode(404).body("code", equalTo("VOLUNTEER_TASK_NOT_FOUND"));
        as(elsewhere.token()).post(TASKS + "/" + taskId + "/claims").then().statusCode(404);
        as(TestTokens.resident().token()).post(TASKS + "/" + taskId + "/claims").then().statusCode(404)
                .body("code", equalTo("VOLUNTEER_NOT_FOUND"));
        as(mine.token()).post(TASKS + "/" + taskId + "/claims").then().statusCode(201);

        String masked = phone.substring(0, 3) + "****" + phone.substring(7);
        for (Response r : List.of(as(f.party.adminA.token()).get(TASKS + "/" + taskId + "/claims"),
                as(mine.token()).get(CLAIMS + "/mine"))) {
            r.then().statusCode(200).body("items[0].phone", equalTo(masked));
            assertFalse(r.asString().contains(phone), "phones are masked in every list");
        }
    }

    @Test
    void badTaskInputIsRefusedInChineseAndNothingIsWritten() {
        VolunteerFixture f = new VolunteerFixture();
        long community = f.party.tree.communityA().id();
        String admin = f.party.adminA.token();
        Map<String, Object> zero = new HashMap<>(task(community, f.party.tree.compoundA().id(), 0, 5));
        as(admin).body(zero).post(TASKS).then().statusCode(400).body("code", equalTo("VALIDATION_FAILED"))
                .body("errors[0].message", containsString("至少 1 人"));
        Map<String, Object> kind = new HashMap<>(task(community, f.party.tree.compoundA().id(), 1, 5));
        kind.put("kind", "PARTY");
        as(admin).body(kind).post(TASKS).then().statusCode(400);
        Map<String, Object> backwards = new HashMap<>(task(community, f.party.tree.compoundA().id(), 1, 5));
        backwards.put("endsAt", backwards.get("startsAt"));
        as(admin).body(backwards).post(TASKS).then().statusCode(400).body("code", equalTo("BAD_TASK_TIME"))
                .body("detail", containsString("结束时间"));
        Map<String, Object> nowhere = new HashMap<>(task(community, f.party.tree.compoundA().id(), 1, 5));
        nowhere.remove("placeRegionId");
        as(admin).body(nowhere).post(TASKS).then().statusCode(400).body("code", equalTo("PLACE_REQUIRED"));
        as(admin).body(task(community, f.party.tree.compoundB().id(), 1, 5)).post(TASKS).then().statusCode(400)
                .body("code", equalTo("BAD_PLACE"));
        as(admin).body(task(f.party.tree.communityB().id(), f.party.tree.compoundB().id(), 1, 5)).post(TASKS).then()
                .statusCode(404).body("code", equalTo("COMMUNITY_NOT_FOUND"));
        TestTokens.Staff worker = TestTokens.staffOn(f.party.tree.compoundA(), Role.GRID_WORKER);
        as(worker.token()).body(task(community, f.party.tree.compoundA().id(), 1, 5)).post(TASKS).then().statusCode(403);
        assertEquals(0, count("SELECT count(*) FROM volunteer_task WHERE community_id = $1", community));
    }

    @Test
    void anIncidentInScopeBecomesATaskOnce() {
        IncidentFixture f = new IncidentFixture();
        long incident = f.reportInA("0101");
        Map<String, Object> body = new HashMap<>(task(f.tree.communityA().id(), f.tree.compoundA().id(), 2, 10));
        body.remove("communityId");
        body.remove("placeRegionId");
        body.put("incidentId", incident);
        body.put("kind", "PATROL");
        as(f.adminB.token()).body(body).post(TASKS).then().statusCode(404).body("code", equalTo("INCIDENT_NOT_FOUND"));
        as(f.adminA.token()).body(body).post(TASKS).then().statusCode(201).body("incidentId", equalTo((int) incident))
                .body("communityId", equalTo((int) f.tree.communityA().id())).body("kind", equalTo("PATROL"))
                .body("placeRegionId", notNullValue()).body("location.coordType", equalTo("gcj02"));
        as(f.adminA.token()).body(body).post(TASKS).then().statusCode(409).body("code", equalTo("INCIDENT_HAS_TASK"));
        body.put("communityId", f.tree.communityB().id());
        as(f.townAdmin.token()).body(body).post(TASKS).then().statusCode(400).body("code", equalTo("INCIDENT_NOT_IN_COMMUNITY"));
    }
}
