package cn.gridgov.volunteer;

import cn.gridgov.common.time.ApiTime;
import cn.gridgov.identity.TestTokens;
import cn.gridgov.media.TestPhotos;
import cn.gridgov.party.PartyTreeFixture;
import cn.gridgov.wechat.WeChatStub;
import io.quarkus.arc.Arc;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;

/**
 * A fresh region and Party tree ({@link PartyTreeFixture}) with the helpers the volunteer tests share: volunteers
 * registered through the API (phones built from fresh node ids, so no two runs collide), tasks, photos, parallel calls.
 */
public final class VolunteerFixture {

    public static final String VOLUNTEERS = "/api/v1/volunteers";
    public static final String TASKS = "/api/v1/volunteer-tasks";
    public static final String CLAIMS = "/api/v1/volunteer-claims";
    public static final String REWARDS = "/api/v1/volunteer-rewards";
    public static final String POINTS = "/api/v1/volunteer-points";

    private static final Duration WAIT = Duration.ofSeconds(30);

    public final PartyTreeFixture party = new PartyTreeFixture().build();
    private int phones;

    public static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    /** A phone number no other run used: from a fresh node id and a counter. */
    public String phone() {
        phones++;
        return "15" + String.format("%09d", party.tree.buildingB().id() * 100 + phones);
    }

    /** A resident registered as a volunteer of {@code communityId} with {@code phone}. */
    public static TestTokens.Resident volunteer(long communityId, String phone) {
        TestTokens.Resident resident = TestTokens.resident();
        registerAs(resident.token(), communityId, phone);
        return resident;
    }

    /** Registers the holder of {@code token} as a volunteer (201 expected); answers the volunteer's id. */
    public static long registerAs(String token, long communityId, String phone) {
        String code = "vol-" + phone;
        WeChatStub.phoneOk(code, phone);
        Map<String, Object> body = new HashMap<>(Map.of("phoneCode", code, "name", "志愿者" + phone.substring(7),
                "communityId", communityId, "skills", List.of("助老", "义诊"), "availableTimes", List.of("周末上午")));
        return as(token).body(body).post(VOLUNTEERS + "/me").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    public static long volunteerId(String token) {
        return as(token).get(VOLUNTEERS + "/me").then().statusCode(200).extract().jsonPath().getLong("id");
    }

    /** A task body for {@code communityId} at {@code placeRegionId}, tomorrow by the application's clock. */
    public static Map<String, Object> task(long communityId, long placeRegionId, int needed, int points) {
        Instant start = Arc.container().instance(Clock.class).get().instant().plus(Duration.ofDays(1));
        Map<String, Object> body = new HashMap<>();
        body.put("communityId", communityId);
        body.put("kind", "SERVICE");
        body.put("title", "敬老义诊 " + UUID.randomUUID().toString().substring(0, 8));
        body.put("placeRegionId", placeRegionId);
        body.put("startsAt", ApiTime.of(start).toString());
        body.put("endsAt", ApiTime.of(start.plus(Duration.ofHours(2))).toString());
        body.put("needed", needed);
        body.put("points", points);
        return body;
    }

    /** Publishes a task as {@code token} (201 expected); answers its id. */
    public static long published(String token, Map<String, Object> body) {
        return as(token).body(body).post(TASKS).then().statusCode(201).extract().jsonPath().getLong("id");
    }

    /** Uploads a photo as {@code token} and answers its id. */
    public static String photo(String token) {
        return given().auth().oauth2(token)
                .multiPart("file", "tmp_" + UUID.randomUUID() + ".jpg", TestPhotos.jpeg(64, 48), "application/octet-stream")
                .when().post("/api/v1/media").then().statusCode(201).extract().path("id");
    }

    /** Runs the calls all at once (one thread each) and answers their results in order. */
    public static <T> List<T> parallel(List<Callable<T>> calls) {
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        try {
            List<T> out = new ArrayList<>();
            for (Future<T> f : pool.invokeAll(calls)) {
                out.add(f.get());
            }
            return out;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            pool.shutdown();
        }
    }

    public static long count(String sql, Object... args) {
        return Arc.container().instance(Pool.class).get().preparedQuery(sql).execute(Tuple.from(args))
                .map(rows -> rows.iterator().next().getLong(0)).await().atMost(WAIT);
    }
}
