package cn.gridgov.people;

import cn.gridgov.common.security.Role;
import cn.gridgov.identity.TestTokens;
import cn.gridgov.people.person.IdNumber;
import cn.gridgov.region.RegionFixture;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;

/**
 * A fresh tree with the staff the people tests need, and valid ID numbers no other run uses: each is made from the
 * building's id (unique in the database) and a per-fixture counter, so the tests pass when run twice.
 */
final class PeopleFixture {

    final RegionFixture.Tree tree = RegionFixture.create();
    final TestTokens.Staff worker = TestTokens.staffOn(tree.compoundA(), Role.GRID_WORKER);
    final TestTokens.Staff workerB = TestTokens.staffOn(tree.compoundB(), Role.GRID_WORKER);
    final TestTokens.Staff adminA = TestTokens.staffOn(tree.communityA(), Role.COMMUNITY_ADMIN);
    final TestTokens.Staff adminB = TestTokens.staffOn(tree.communityB(), Role.COMMUNITY_ADMIN);
    private int next;

    /** A valid 18-digit ID number unique to this fixture's {@code n}-th call. */
    String idNumber() {
        long b = tree.buildingA().id();
        int k = next++;
        LocalDate birth = LocalDate.of(1940, 1, 1).plusDays(b % 30_000);
        String area = "11" + String.format("%04d", k);
        String seq = String.format("%03d", (b / 30_000) % 1000);
        return IdNumber.withCheck(area + birth.toString().replace("-", "") + seq);
    }

    ValidatableResponse createRoom(String token, long buildingId, String unit, String number, String use) {
        Map<String, Object> body = new HashMap<>();
        body.put("unitName", unit);
        body.put("number", number);
        body.put("floor", 3);
        body.put("use", use);
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/buildings/" + buildingId + "/rooms").then();
    }

    long room(String number) {
        return createRoom(worker.token(), tree.buildingA().id(), "1单元", number, "自住").statusCode(201)
                .extract().jsonPath().getLong("id");
    }

    long household(long roomId) {
        return given().auth().oauth2(worker.token()).contentType(ContentType.JSON).body(Map.of())
                .when().post("/api/v1/rooms/" + roomId + "/households").then().statusCode(201)
                .extract().jsonPath().getLong("id");
    }

    static Map<String, Object> person(String name, String idNumber, String phone, String relation, List<String> tags) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("idNumber", idNumber);
        body.put("phone", phone);
        body.put("relation", relation);
        body.put("tags", tags);
        return body;
    }

    ValidatableResponse addPerson(String token, long householdId, Map<String, Object> body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/households/" + householdId + "/people").then();
    }
}
