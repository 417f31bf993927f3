package cn.gridgov.moderation;

import cn.gridgov.common.time.TestClock;
import cn.gridgov.identity.staff.StaffApi;
import cn.gridgov.incident.IncidentFixture;
import cn.gridgov.wechat.WeChatStub;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Content safety (#13 §4) from outside: residents' text through WeChat's text check (a WireMock stub), photos through
 * the asynchronous media check and the signed message push, moderators' decisions in their scope, mutes.
 */
@QuarkusTest
@WithTestResource(value = WeChatStub.class, scope = TestResourceScope.GLOBAL)
class ContentSafetyTest {

    private static final String PUSH_TOKEN = "test-push-token";

    @Inject
    TestClock clock;

    @AfterEach
    void realTimeAgain() {
        clock.reset();
    }

    private static String marker() {
        return "M" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    private static long reportText(IncidentFixture f, String token, String description) {
        Map<String, Object> body = new HashMap<>(f.body("0101", 0, List.of()));
        body.put("description", description);
        body.put("isPublic", true);
        return f.report(token, body, UUID.randomUUID().toString()).statusCode(201).extract().jsonPath().getLong("id");
    }

    /** Reports as {@code token} (public and anonymous as given; null: the defaults) and answers the id. */
    static long report(IncidentFixture f, String token, Boolean isPublic, Boolean anonymous, String description) {
        Map<String, Object> body = new HashMap<>(f.body("0101", 0, List.of()));
        if (isPublic != null) {
            body.put("isPublic", isPublic);
        }
        if (anonymous != null) {
            body.put("anonymous", anonymous);
        }
        if (description != null) {
            body.put("description", description);
        }
        return f.report(token, body, UUID.randomUUID().toString()).statusCode(201).extract().jsonPath().getLong("id");
    }

    /** Accepts, dispatches, handles and verifies the incident: it ends CLOSED. */
    static void close(IncidentFixture f, long id) {
        f.act(f.adminA.token(), id, "ACCEPT").statusCode(200);
        f.act(f.adminA.token(), id, "DISPATCH", Map.of("assigneeId", f.worker.userId())).statusCode(200);
        f.act(f.worker.token(), id, "START").statusCode(200);
        f.act(f.worker.token(), id, "RESOLVE", Map.of("comment", "已更换井盖")).statusCode(200);
        f.act(f.adminA.token(), id, "VERIFY", Map.of("passed", true)).statusCode(200).body("status", equalTo("CLOSED"));
    }

    static ValidatableResponse add(String token, long id, Map<String, Object> body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/me/requests/" + id + "/additions").then();
    }

    static ValidatableResponse mine(String token, long id) {
        return given().auth().oauth2(token).when().get("/api/v1/me/requests/" + id).then();
    }

    private static int count(String sql, Object... args) {
        return IncidentFixture.intValue(sql, args);
    }

    private static ValidatableResponse flags(String token, String status) {
        return given().auth().oauth2(token).queryParam("status", status).queryParam("limit", 200)
                .when().get("/api/v1/moderation/flags").then();
    }

    private static ValidatableResponse decide(String token, long flag, Map<String, Object> body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/moderation/flags/" + flag + "/decision").then();
    }

    private static ValidatableResponse rate(String token, long id, Map<String, Object> body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/me/requests/" + id + "/rating").then();
    }

    static String signature(String token, String timestamp, String nonce) throws Exception {
        String joined = String.join("", Stream.of(token, timestamp, nonce).sorted().toList());
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(joined.getBytes(StandardCharsets.UTF_8)));
    }

    private ValidatableResponse push(String token, long timestamp, String nonce, String body) throws Exception {
        String ts = Long.toString(timestamp);
        return given().queryParam("signature", signature(token, ts, nonce)).queryParam("timestamp", ts)
                .queryParam("nonce", nonce).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/wechat/callback").then();
    }

    private static String nonce() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    private static String verdict(String traceId, String suggest) {
        return """
                {"ToUserName":"gh_test","FromUserName":"o-test","CreateTime":1772323200,"MsgType":"event",\
                "Event":"wxa_media_check","appid":"wx-test-app","trace_id":"%s","version":2,\
                "result":{"suggest":"%s","label":20002}}""".formatted(traceId, suggest);
    }

    @Test
    void riskyTextIsRefusedInChineseAndNothingIsStored() {
        IncidentFixture f = new IncidentFixture();
        String m = marker();
        WeChatStub.textCheck(m, "risky");
        int incidents = count("SELECT count(*) FROM incident WHERE reporter_id = $1", f.resident.userId());
        f.report(f.resident.token(), withDescription(f, "违规内容 " + m), UUID.randomUUID().toString())
                .statusCode(422).contentType("application/problem+json")
                .body("code", equalTo("CONTENT_RISKY")).body("detail", containsString("违规"));
        assertEquals(incidents, count("SELECT count(*) FROM incident WHERE reporter_id = $1", f.resident.userId()));
        assertEquals(0, count("SELECT count(*) FROM incident WHERE description LIKE $1", "%" + m + "%"));

        long id = report(f, f.resident.token(), true, false, "正常诉求 " + marker());
        int flow = count("SELECT count(*) FROM incident_flow WHERE incident_id = $1", id);
        add(f.resident.token(), id, Map.of("comment", "补充 " + m)).statusCode(422)
                .body("code", equalTo("CONTENT_RISKY"));
        assertEquals(flow, count("SELECT count(*) FROM incident_flow WHERE incident_id = $1", id));

        close(f, id);
        rate(f.resident.token(), id, Map.of("stars", 4, "comment", "评语 " + m)).statusCode(422)
                .body("code", equalTo("CONTENT_RISKY"));
        assertEquals(0, count("SELECT count(*) FROM incident WHERE id = $1 AND rating IS NOT NULL", id));
        assertEquals(0, count("SELECT count(*) FROM moderation_flag WHERE content LIKE $1", "%" + m + "%"));
    }

    private static Map<String, Object> withDescription(IncidentFixture f, String description) {
        Map<String, Object> body = new HashMap<>(f.body("0101", 0, List.of()));
        body.put("description", description);
        return body;
    }

    @Test
    void textToReviewIsAcceptedAndFlaggedForTheCommunitysModeratorOnly() {
        IncidentFixture f = new IncidentFixture();
        String m = marker();
        WeChatStub.textCheck(m, "review");
        long id = reportText(f, f.resident.token(), "幸福里东门井盖缺失，加微信 " + m);
        assertEquals(1, count("SELECT count(*) FROM moderation_flag WHERE incident_id = $1 AND kind = 'REQUEST' "
                + "AND reason = 'REVIEW' AND status = 'OPEN'", id));
        long flag = flags(f.adminA.token(), "OPEN").statusCode(200)
                .body("items.find { it.incidentId == " + id + " }.reason", equalTo("REVIEW"))
                .body("items.find { it.incidentId == " + id + " }.content", containsString(m))
                .extract().jsonPath().getLong("items.find { it.incidentId == " + id + " }.id");
        flags(f.adminB.token(), null).statusCode(200).body("items.id", not(hasItem((int) flag)));
        decide(f.adminB.token(), flag, Map.of("decision", "HIDE")).statusCode(404)
                .body("code", equalTo("MODERATION_FLAG_NOT_FOUND"));
        flags(f.worker.token(), null).statusCode(403);
        flags(f.resident.token(), null).statusCode(403);

        // still open: not on the public board even once closed
        close(f, id);
        given().header("X-Forwarded-For", StaffApi.address()).queryParam("communityId", f.tree.communityA().id())
                .when().get("/api/v1/public/incidents").then().statusCode(200).body("items.id", not(hasItem((int) id)));
        decide(f.adminA.token(), flag, Map.of("decision", "SHOW", "note", "没有问题")).statusCode(200)
                .body("status", equalTo("SHOWN")).body("decision", equalTo("SHOW"));
        given().header("X-Forwarded-For", StaffApi.address()).queryParam("communityId", f.tree.communityA().id())
                .when().get("/api/v1/public/incidents").then().statusCode(200).body("items.id", hasItem((int) id));
        decide(f.adminA.token(), flag, Map.of("decision", "HIDE")).statusCode(409).body("code", equalTo("FLAG_DECIDED"));
    }

    @Test
    void whenWeChatIsDownTextIsAcceptedAndFlaggedUnchecked() {
        IncidentFixture f = new IncidentFixture();
        String m = marker();
        WeChatStub.textCheckDown(m);
        long id = reportText(f, f.resident.token(), "路灯不亮 " + m);
        assertEquals(1, count("SELECT count(*) FROM moderation_flag WHERE incident_id = $1 AND reason = 'UNCHECKED'", id));
    }

    @Test
    void aWarnedResidentCanBeMutedAndIsToldUntilWhenInBeijingTime() {
        IncidentFixture f = new IncidentFixture();
        String m = marker();
        WeChatStub.textCheck(m, "review");
        long id = reportText(f, f.resident.token(), "代购 " + m);
        long flag = count("SELECT id FROM moderation_flag WHERE incident_id = $1", id);
        decide(f.adminA.token(), flag, Map.of("decision", "HIDE", "muteHours", 24)).statusCode(400)
                .body("code", equalTo("MUTE_INVALID"));
        decide(f.adminA.token(), flag, Map.of("decision", "HIDE_AND_WARN", "note", "广告", "muteHours", 48))
                .statusCode(200).body("status", equalTo("HIDDEN")).body("authorMutedUntil", containsString("+08:00"));
        f.report(f.resident.token(), withDescription(f, "又来了"), UUID.randomUUID().toString()).statusCode(403)
                .body("code", equalTo("USER_MUTED")).body("detail", containsString("北京时间"))
                .body("mutedUntil", containsString("+08:00"));
        report(f, f.otherResident.token(), null, null, "别人不受影响");

        clock.setTo(clock.instant().plus(Duration.ofHours(49)));
        report(f, f.resident.token(), null, null, "禁言结束后可以再提交");
    }

    @Test
    void ratingThroughOwnRequestsIsTheSameOnceOnlyStepOfTheReporter() {
        IncidentFixture f = new IncidentFixture();
        long id = report(f, f.resident.token(), null, null, null);
        rate(f.resident.token(), id, Map.of("stars", 5)).statusCode(409).body("code", equalTo("ACTION_NOT_ALLOWED"));
        close(f, id);
        mine(f.resident.token(), id).statusCode(200).body("allowedActions", hasItem("RATE"));
        rate(f.otherResident.token(), id, Map.of("stars", 5)).statusCode(404).body("code", equalTo("INCIDENT_NOT_FOUND"));
        rate(f.resident.token(), id, Map.of("stars", 6)).statusCode(400);
        rate(f.resident.token(), id, Map.of("stars", 2, "comment", "太慢了")).statusCode(200)
                .body("rating.stars", equalTo(2)).body("rating.comment", equalTo("太慢了"))
                .body("flow.action", hasItem("RATE"));
        rate(f.resident.token(), id, Map.of("stars", 5)).statusCode(409).body("code", equalTo("ALREADY_RATED"));
        f.act(f.resident.token(), id, "RATE", Map.of("rating", 5)).statusCode(409).body("code", equalTo("ALREADY_RATED"));
        assertEquals(1, count("SELECT count(*) FROM incident_revisit WHERE incident_id = $1", id));
    }

    @Test
    void forgedStaleAndReplayedPushesAreRefusedAndTheHandshakeEchoes() throws Exception {
        long now = clock.instant().getEpochSecond();
        String body = verdict("unknown-" + nonce(), "pass");
        push("wrong-token", now, nonce(), body).statusCode(401).body("code", equalTo("WECHAT_SIGNATURE_INVALID"));
        push(PUSH_TOKEN, now - 3600, nonce(), body).statusCode(401).body("code", equalTo("WECHAT_PUSH_STALE"));
        push(PUSH_TOKEN, now + 3600, nonce(), body).statusCode(401).body("code", equalTo("WECHAT_PUSH_STALE"));
        String once = nonce();
        push(PUSH_TOKEN, now, once, body).statusCode(200).body(equalTo("success"));
        push(PUSH_TOKEN, now, once, body).statusCode(409).body("code", equalTo("WECHAT_PUSH_REPLAYED"));
        String ts = Long.toString(now);
        String n = nonce();
        given().queryParam("signature", signature(PUSH_TOKEN, ts, n)).queryParam("timestamp", ts)
                .queryParam("nonce", n).queryParam("encrypt_type", "aes").contentType(ContentType.JSON)
                .body("{\"ToUserName\":\"gh_test\",\"Encrypt\":\"abc\"}")
                .when().post("/api/v1/wechat/callback").then().statusCode(400)
                .body("code", equalTo("WECHAT_PUSH_ENCRYPTED")).body("detail", containsString("明文模式"));

        String echo = nonce();
        given().queryParam("signature", signature(PUSH_TOKEN, ts, echo)).queryParam("timestamp", ts)
                .queryParam("nonce", echo).queryParam("echostr", "4193855374125460830")
                .when().get("/api/v1/wechat/callback").then().statusCode(200).body(equalTo("4193855374125460830"));
        given().queryParam("signature", "0000").queryParam("timestamp", ts).queryParam("nonce", nonce())
                .queryParam("echostr", "x").when().get("/api/v1/wechat/callback").then().statusCode(401);
    }

    @Test
    void aRiskyPhotoIsHiddenEverywhereAndItsIncidentFlagged() throws Exception {
        IncidentFixture f = new IncidentFixture();
        String trace = "trace-" + nonce();
        WeChatStub.mediaCheck(f.resident.openid(), trace);
        String photo = IncidentFixture.photo(f.resident.token());
        assertEquals(1, count("SELECT count(*) FROM moderation_media_check WHERE trace_id = $1 AND media_id = $2::uuid",
                trace, UUID.fromString(photo)));
        Map<String, Object> body = new HashMap<>(f.body("0101", 0, List.of(photo)));
        body.put("isPublic", true);
        long id = f.report(f.resident.token(), body, UUID.randomUUID().toString()).statusCode(201)
                .extract().jsonPath().getLong("id");
        f.get(f.adminA.token(), id).statusCode(200).body("media.id", hasItem(photo));

        push(PUSH_TOKEN, clock.instant().getEpochSecond(), nonce(), verdict(trace, "risky")).statusCode(200);
        given().auth().oauth2(f.adminA.token()).redirects().follow(false).when().get("/api/v1/media/" + photo)
                .then().statusCode(410).body("code", equalTo("MEDIA_HIDDEN"));
        given().auth().oauth2(f.resident.token()).redirects().follow(false).when().get("/api/v1/media/" + photo)
                .then().statusCode(410);
        f.get(f.adminA.token(), id).statusCode(200).body("media.id", not(hasItem(photo)));
        close(f, id);
        String board = given().header("X-Forwarded-For", StaffApi.address())
                .queryParam("communityId", f.tree.communityA().id())
                .when().get("/api/v1/public/incidents").then().statusCode(200)
                .body("items.id", not(hasItem((int) id))).extract().asString();
        assertEquals(false, board.contains(photo));

        long flag = flags(f.adminA.token(), "OPEN").statusCode(200)
                .body("items.find { it.mediaId == '" + photo + "' }.reason", equalTo("RISKY"))
                .body("items.find { it.mediaId == '" + photo + "' }.incidentId", equalTo((int) id))
                .extract().jsonPath().getLong("items.find { it.mediaId == '" + photo + "' }.id");
        flags(f.adminB.token(), null).statusCode(200).body("items.id", not(hasItem((int) flag)));
        decide(f.adminA.token(), flag, Map.of("decision", "SHOW")).statusCode(200);
        given().auth().oauth2(f.adminA.token()).redirects().follow(false).when().get("/api/v1/media/" + photo)
                .then().statusCode(303);
    }
}
