package cn.gridgov.incident;

import cn.gridgov.common.security.Role;
import cn.gridgov.common.time.TestClock;
import cn.gridgov.identity.TestTokens;
import cn.gridgov.incident.deadline.WorkingCalendar;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every path of the handling loop, through REST against the real database and S3. */
@QuarkusTest
class IncidentLoopTest {

    @Inject
    TestClock clock;

    @Inject
    WorkingCalendar calendar;

    @AfterEach
    void realTimeAgain() {
        clock.reset();
    }

    @Test
    void happyPathFromReportToRating() {
        IncidentFixture f = new IncidentFixture();
        String photo = IncidentFixture.photo(f.resident.token());
        long id = f.report(f.resident.token(), f.body("0101", 0, List.of(photo)), "k-" + System.nanoTime())
                .statusCode(201)
                .body("status", equalTo("REPORTED"))
                .body("source", equalTo("RESIDENT"))
                .body("ownerRegionId", equalTo((int) f.tree.communityA().id()))
                .body("assigneeId", equalTo((int) f.worker.userId()))
                .body("region.compoundId", equalTo((int) f.tree.compoundA().id()))
                .body("region.communityId", equalTo((int) f.tree.communityA().id()))
                .body("region.townId", equalTo((int) f.tree.town().id()))
                .body("deadlineAt", notNullValue())
                .body("media", hasSize(1))
                .extract().jsonPath().getLong("id");

        f.get(f.adminA.token(), id).statusCode(200).body("allowedActions", contains("ACCEPT", "REJECT", "ESCALATE"));
        f.act(f.adminA.token(), id, "ACCEPT").statusCode(200).body("status", equalTo("ACCEPTED"));
        f.act(f.adminA.token(), id, "DISPATCH", Map.of("assigneeId", f.worker.userId(), "comment", "请尽快处理"))
                .statusCode(200).body("status", equalTo("DISPATCHED")).body("assigneeId", equalTo((int) f.worker.userId()));
        f.act(f.worker.token(), id, "START").statusCode(200).body("status", equalTo("IN_PROGRESS"));
        String result = IncidentFixture.photo(f.worker.token());
        f.act(f.worker.token(), id, "RESOLVE", Map.of("comment", "已更换井盖", "mediaIds", List.of(result)))
                .statusCode(200).body("status", equalTo("RESOLVED")).body("media", hasSize(2));
        f.act(f.adminA.token(), id, "VERIFY", Map.of("passed", true)).statusCode(200)
                .body("status", equalTo("CLOSED")).body("closedAt", notNullValue());
        f.act(f.resident.token(), id, "RATE", Map.of("rating", 5, "comment", "很满意")).statusCode(200)
                .body("rating.stars", equalTo(5)).body("rating.comment", equalTo("很满意"))
                .body("allowedActions", empty());
        f.act(f.resident.token(), id, "RATE", Map.of("rating", 1)).statusCode(409).body("code", equalTo("ALREADY_RATED"));
        f.act(f.adminA.token(), id, "RATE", Map.of("rating", 1)).statusCode(403).body("code", equalTo("ACTION_FORBIDDEN"));

        f.get(f.resident.token(), id).statusCode(200)
                .body("flow.action", contains("REPORT", "ACCEPT", "DISPATCH", "START", "RESOLVE", "VERIFY_PASS", "RATE"))
                .body("flow.to", contains("REPORTED", "ACCEPTED", "DISPATCHED", "IN_PROGRESS", "RESOLVED", "CLOSED", "CLOSED"))
                .body("flow[1].actorRole", equalTo("COMMUNITY_ADMIN"))
                .body("flow[3].actorId", equalTo((int) f.worker.userId()))
                .body("flow[4].mediaIds", contains(result))
                .body("flow[2].comment", equalTo("请尽快处理"));
    }

    @Test
    void onlyTheReporterRates() {
        IncidentFixture f = new IncidentFixture();
        String photo = IncidentFixture.photo(f.worker.token());
        Map<String, Object> body = new HashMap<>(f.body("0203", 0, List.of(photo)));
        body.put("selfResolved", true);
        long id = f.report(f.worker.token(), body, "k-" + System.nanoTime()).statusCode(201)
                .extract().jsonPath().getLong("id");
        f.act(f.adminA.token(), id, "RATE", Map.of("rating", 3)).statusCode(403).body("code", equalTo("ACTION_FORBIDDEN"));
        f.act(f.worker.token(), id, "RATE").statusCode(400).body("code", equalTo("RATING_REQUIRED"));
        f.act(f.worker.token(), id, "RATE", Map.of("rating", 6)).statusCode(400).body("code", equalTo("VALIDATION_FAILED"));
        f.act(f.worker.token(), id, "RATE", Map.of("rating", 4)).statusCode(200).body("rating.stars", equalTo(4));
        given().auth().oauth2(f.adminA.token())
                .when().get("/api/v1/incidents/" + id + "/flow").then().statusCode(200)
                .body("action", contains("REPORT", "SELF_RESOLVE", "RATE"));
    }

    @Test
    void handlerReturnsItToTheDispatcherWhoDispatchesAgain() {
        IncidentFixture f = new IncidentFixture();
        long id = f.reported("0102");
        f.act(f.adminA.token(), id, "ACCEPT").statusCode(200);
        f.act(f.adminA.token(), id, "DISPATCH", Map.of("assigneeId", f.worker.userId())).statusCode(200);
        f.act(f.worker.token(), id, "RETURN").statusCode(400).body("code", equalTo("COMMENT_REQUIRED"));
        f.act(f.worker.token(), id, "RETURN", Map.of("comment", "不属于本网格")).statusCode(200)
                .body("status", equalTo("ACCEPTED")).body("assigneeId", nullValue());
        f.act(f.worker.token(), id, "START").statusCode(409).body("code", equalTo("ACTION_NOT_ALLOWED"));
        f.act(f.adminA.token(), id, "DISPATCH", Map.of("targetRegionId", f.tree.compoundA().id())).statusCode(200)
                .body("status", equalTo("DISPATCHED")).body("assigneeId", equalTo((int) f.worker.userId()));
    }

    @Test
    void rejectionNeedsAReasonAndEndsTheLoop() {
        IncidentFixture f = new IncidentFixture();
        long id = f.reported("0401");
        f.act(f.adminA.token(), id, "REJECT").statusCode(400).body("code", equalTo("COMMENT_REQUIRED"));
        f.act(f.adminA.token(), id, "REJECT", Map.of("comment", "重复上报")).statusCode(200)
                .body("status", equalTo("REJECTED"));
        f.act(f.adminA.token(), id, "ACCEPT").statusCode(409)
                .contentType("application/problem+json")
                .body("code", equalTo("ACTION_NOT_ALLOWED"))
                .body("status", equalTo(409))
                .body("incidentStatus", equalTo("REJECTED"))
                .body("allowedActions", empty());
    }

    @Test
    void failedVerificationSendsItBackForRework() {
        IncidentFixture f = new IncidentFixture();
        long id = f.reported("0201");
        f.act(f.adminA.token(), id, "ACCEPT").statusCode(200);
        f.act(f.adminA.token(), id, "DISPATCH", Map.of("assigneeId", f.worker.userId())).statusCode(200);
        f.act(f.worker.token(), id, "START").statusCode(200);
        f.act(f.worker.token(), id, "RESOLVE", Map.of("comment", "已清理")).statusCode(200);
        f.act(f.worker.token(), id, "VERIFY_PASS").statusCode(403).body("code", equalTo("ACTION_FORBIDDEN"));
        f.act(f.adminA.token(), id, "VERIFY_FAIL").statusCode(400).body("code", equalTo("COMMENT_REQUIRED"));
        f.act(f.adminA.token(), id, "VERIFY", Map.of("passed", false, "comment", "仍有垃圾")).statusCode(200)
                .body("status", equalTo("IN_PROGRESS")).body("assigneeId", equalTo((int) f.worker.userId()));
        f.act(f.worker.token(), id, "RESOLVE", Map.of("comment", "已彻底清理")).statusCode(200);
        f.act(f.adminA.token(), id, "VERIFY_PASS").statusCode(200).body("status", equalTo("CLOSED"))
                .body("flow.action", contains("REPORT", "ACCEPT", "DISPATCH", "START", "RESOLVE", "VERIFY_FAIL",
                        "RESOLVE", "VERIFY_PASS"));
    }

    @Test
    void escalationHandsItToTheTownAndUpToTheCounty() {
        IncidentFixture f = new IncidentFixture();
        long id = f.reported("0301");
        f.act(f.adminA.token(), id, "ACCEPT").statusCode(200);
        f.act(f.adminA.token(), id, "ESCALATE", Map.of("comment", "需镇里协调")).statusCode(200)
                .body("status", equalTo("ACCEPTED"))
                .body("ownerRegionId", equalTo((int) f.tree.town().id()))
                .body("assigneeId", nullValue());
        // the community still sees it but no longer handles it
        f.act(f.adminA.token(), id, "DISPATCH", Map.of("assigneeId", f.worker.userId())).statusCode(403)
                .body("code", equalTo("ACTION_FORBIDDEN"));
        f.get(f.adminA.token(), id).statusCode(200).body("allowedActions", empty());
        f.act(f.townAdmin.token(), id, "DISPATCH", Map.of("assigneeId", f.worker.userId())).statusCode(200)
                .body("status", equalTo("DISPATCHED"));
        f.act(f.townAdmin.token(), id, "ESCALATE", Map.of("comment", "报县里")).statusCode(200)
                .body("ownerRegionId", equalTo((int) f.tree.county().id()));
        f.get(f.townAdmin.token(), id).statusCode(200).body("allowedActions", empty());
    }

    @Test
    void aHandlerFromAnotherCommunitySeesItWhileAssignedOnly() {
        IncidentFixture f = new IncidentFixture();
        TestTokens.Staff workerB = TestTokens.staffOn(f.tree.compoundB(), Role.GRID_WORKER);
        long id = f.reported("0104");
        f.get(workerB.token(), id).statusCode(404);
        f.act(f.townAdmin.token(), id, "ACCEPT").statusCode(200);
        f.act(f.townAdmin.token(), id, "DISPATCH", Map.of("assigneeId", workerB.userId())).statusCode(200);
        f.get(workerB.token(), id).statusCode(200).body("allowedActions", contains("START", "RETURN"));
        f.act(workerB.token(), id, "RETURN", Map.of("comment", "不在我的网格")).statusCode(200)
                .body("status", equalTo("ACCEPTED")).body("assigneeId", nullValue());
        f.get(workerB.token(), id).statusCode(404);
    }

    @Test
    void suspensionStopsTheDeadlineClockAndResumeMovesTheDeadline() {
        ZoneId shanghai = ZoneId.of("Asia/Shanghai");
        // Wednesday 4 March 2026, 10:00: a working morning
        clock.setTo(LocalDateTime.parse("2026-03-04T10:00").atZone(shanghai).toInstant());
        IncidentFixture f = new IncidentFixture();
        long id = f.reported("0102");
        f.act(f.adminA.token(), id, "ACCEPT").statusCode(200);
        OffsetDateTime before = OffsetDateTime.parse(f.get(f.adminA.token(), id).extract().path("deadlineAt"));
        f.act(f.adminA.token(), id, "SUSPEND").statusCode(400).body("code", equalTo("COMMENT_REQUIRED"));
        f.act(f.adminA.token(), id, "SUSPEND", Map.of("comment", "等待物业配合")).statusCode(200)
                .body("status", equalTo("SUSPENDED")).body("suspendedFrom", equalTo("ACCEPTED"))
                .body("allowedActions", contains("RESUME"));
        f.act(f.worker.token(), id, "START").statusCode(409).body("allowedActions", empty());

        // 15:00 the same day: 10:00-12:00 and 14:30-15:00 were working time spent suspended (2.5 h)
        clock.setTo(LocalDateTime.parse("2026-03-04T15:00").atZone(shanghai).toInstant());
        OffsetDateTime after = OffsetDateTime.parse(f.act(f.adminA.token(), id, "RESUME").statusCode(200)
                .body("status", equalTo("ACCEPTED")).body("suspendedAt", nullValue())
                .extract().path("deadlineAt"));
        Duration moved = Duration.between(before, after);
        // 2.5 working hours, landing in the working hours of the following days
        assertTrue(Math.abs(Duration.ofMinutes(150).minus(
                        workingBetween(before.toInstant(), after.toInstant())).toSeconds()) < 60,
                "deadline moved by " + moved);
        assertTrue(moved.compareTo(Duration.ofMinutes(149)) > 0, "moved " + moved);
    }

    @Test
    void aStaleVersionIsRefused() {
        IncidentFixture f = new IncidentFixture();
        long id = f.reported("0103");
        int version = IncidentFixture.version(id);
        f.act(f.adminA.token(), id, "ACCEPT", Map.of("version", version)).statusCode(200)
                .body("version", equalTo(version + 1));
        f.act(f.adminA.token(), id, "DISPATCH", Map.of("version", version, "assigneeId", f.worker.userId()))
                .statusCode(409).body("code", equalTo("STALE_VERSION"));
        f.act(f.adminA.token(), id, "FLY").statusCode(400).body("code", equalTo("UNKNOWN_ACTION"));
    }

    @Test
    void dispatchOnlyToStaffInTheOwnersArea() {
        IncidentFixture f = new IncidentFixture();
        long id = f.reported("0103");
        f.act(f.adminA.token(), id, "ACCEPT").statusCode(200);
        f.act(f.adminA.token(), id, "DISPATCH").statusCode(400).body("code", equalTo("ASSIGNEE_REQUIRED"));
        f.act(f.adminA.token(), id, "DISPATCH", Map.of("assigneeId", f.adminB.userId())).statusCode(400)
                .body("code", equalTo("ASSIGNEE_OUT_OF_SCOPE"));
        f.act(f.adminA.token(), id, "DISPATCH", Map.of("assigneeId", f.resident.userId())).statusCode(400)
                .body("code", equalTo("ASSIGNEE_INVALID"));
        f.act(f.adminA.token(), id, "DISPATCH", Map.of("targetRegionId", f.tree.compoundB().id())).statusCode(400)
                .body("code", equalTo("TARGET_OUT_OF_SCOPE"));
        assertEquals(1, IncidentFixture.version(id), "nothing changed by refused dispatches");
    }

    private Duration workingBetween(Instant a, Instant b) {
        return calendar.calculator().await().indefinitely().workingTimeBetween(a, b);
    }
}
