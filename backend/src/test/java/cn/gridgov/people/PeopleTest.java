package cn.gridgov.people;

import cn.gridgov.identity.TestTokens;
import cn.gridgov.incident.IncidentFixture;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Rooms, households and people from outside: scope, versions, masking, reveal with audit, Chinese errors. */
@QuarkusTest
class PeopleTest {

    @Test
    void theCompoundsWorkerManagesHouseholdsAndAnotherCompoundsWorkerSeesNothing() {
        PeopleFixture f = new PeopleFixture();
        long room = f.createRoom(f.worker.token(), f.tree.buildingA().id(), "1单元", "302", "出租").statusCode(201)
                .header("Location", containsString("/api/v1/rooms/"))
                .body("use", equalTo("RENTED")).body("unitName", equalTo("1单元")).body("version", equalTo(0))
                .extract().jsonPath().getLong("id");
        f.createRoom(f.worker.token(), f.tree.buildingA().id(), "1单元", "302", "自住").statusCode(409)
                .body("code", equalTo("ROOM_NUMBER_TAKEN"));
        f.createRoom(f.workerB.token(), f.tree.buildingA().id(), "1单元", "303", "自住").statusCode(404)
                .body("code", equalTo("BUILDING_NOT_FOUND"));
        long household = f.household(room);
        f.addPerson(f.worker.token(), household, PeopleFixture.person("张小明", f.idNumber(), "13812341234", "户主",
                List.of("低收入"))).statusCode(201).body("relation", equalTo("HEAD")).body("tags", equalTo(List.of("LOW_INCOME")));

        // another compound's grid worker and another community's admin: as if it did not exist
        for (String token : List.of(f.workerB.token(), f.adminB.token())) {
            given().auth().oauth2(token).when().get("/api/v1/households/" + household).then().statusCode(404)
                    .body("code", equalTo("HOUSEHOLD_NOT_FOUND")).body("detail", containsString("住户不存在"));
            given().auth().oauth2(token).when().get("/api/v1/rooms/" + room).then().statusCode(404)
                    .body("code", equalTo("ROOM_NOT_FOUND"));
            given().auth().oauth2(token).when().get("/api/v1/buildings/" + f.tree.buildingA().id() + "/roster").then()
                    .statusCode(404).body("code", equalTo("BUILDING_NOT_FOUND"));
            f.addPerson(token, household, PeopleFixture.person("王五", null, null, "租户", List.of())).statusCode(404);
        }
        given().auth().oauth2(f.adminA.token()).when().get("/api/v1/households/" + household).then().statusCode(200)
                .body("people", hasSize(1)).body("room.number", equalTo("302"));

        // versioned edits: the stale one is refused
        Map<String, Object> edit = Map.of("unitName", "1单元", "number", "302", "use", "VACANT", "version", 0);
        given().auth().oauth2(f.worker.token()).contentType(ContentType.JSON).body(edit)
                .when().put("/api/v1/rooms/" + room).then().statusCode(200).body("use", equalTo("VACANT")).body("version", equalTo(1));
        given().auth().oauth2(f.worker.token()).contentType(ContentType.JSON).body(edit)
                .when().put("/api/v1/rooms/" + room).then().statusCode(409).body("code", equalTo("STALE_VERSION"));
        given().auth().oauth2(f.workerB.token()).contentType(ContentType.JSON).body(Map.of("label", "东户", "version", 0))
                .when().put("/api/v1/households/" + household).then().statusCode(404);
        given().auth().oauth2(f.worker.token()).contentType(ContentType.JSON).body(Map.of("label", "东户", "version", 0))
                .when().put("/api/v1/households/" + household).then().statusCode(200).body("label", equalTo("东户"));
        given().auth().oauth2(f.worker.token()).queryParam("version", 0).when().delete("/api/v1/households/" + household)
                .then().statusCode(409).body("code", equalTo("STALE_VERSION"));
        given().auth().oauth2(f.worker.token()).queryParam("version", 1).when().delete("/api/v1/households/" + household)
                .then().statusCode(204);
        given().auth().oauth2(f.worker.token()).when().get("/api/v1/households/" + household).then().statusCode(404);
    }

    @Test
    void idNumbersAndPhonesAreMaskedInEveryAnswerAndRevealedOnlyToLeadersWithAnAuditRow() {
        PeopleFixture f = new PeopleFixture();
        String id = f.idNumber();
        long household = f.household(f.room("501"));
        long person = f.addPerson(f.worker.token(), household, PeopleFixture.person("李四", id, "13900001111", "户主", List.of()))
                .statusCode(201)
                .body("idNumber", equalTo(id.substring(0, 4) + "**********" + id.substring(14)))
                .body("phone", equalTo("139****1111"))
                .body("birthDate", equalTo(id.substring(6, 10) + "-" + id.substring(10, 12) + "-" + id.substring(12, 14)))
                .extract().jsonPath().getLong("id");

        List<String> answers = List.of(
                given().auth().oauth2(f.worker.token()).when().get("/api/v1/households/" + household).then().statusCode(200)
                        .extract().asString(),
                given().auth().oauth2(f.worker.token()).when().get("/api/v1/people/" + person).then().statusCode(200)
                        .extract().asString(),
                given().auth().oauth2(f.worker.token()).when().get("/api/v1/buildings/" + f.tree.buildingA().id() + "/roster")
                        .then().statusCode(200).body("items.find { it.id == " + household + " }.people[0].id", equalTo((int) person))
                        .extract().asString(),
                given().auth().oauth2(f.worker.token()).queryParam("idNumber", id).when().get("/api/v1/people").then()
                        .statusCode(200).body("id", equalTo(List.of((int) person))).extract().asString(),
                given().auth().oauth2(f.adminA.token()).queryParam("phone", "13900001111").when().get("/api/v1/people").then()
                        .statusCode(200).body("id", org.hamcrest.Matchers.hasItem((int) person)).extract().asString());
        for (String answer : answers) {
            assertFalse(answer.contains(id), "no full ID number in " + answer);
            assertFalse(answer.contains("13900001111"), "no full phone in " + answer);
        }
        // the exact-value search finds nobody outside the scope
        given().auth().oauth2(f.workerB.token()).queryParam("idNumber", id).when().get("/api/v1/people").then()
                .statusCode(200).body("", hasSize(0));
        given().auth().oauth2(f.worker.token()).queryParam("idNumber", id).queryParam("phone", "1").when()
                .get("/api/v1/people").then().statusCode(400).body("code", equalTo("PERSON_SEARCH_ONE_KEY"));

        // reveal: the grid worker may not; the community admin may, and it is audited; another community's admin: 404
        given().auth().oauth2(f.worker.token()).when().get("/api/v1/people/" + person + "/id-number").then().statusCode(403);
        int before = IncidentFixture.intValue("SELECT count(*)::int FROM pii_reveal_audit WHERE subject_kind = 'person' "
                + "AND subject_id = $1", person);
        given().auth().oauth2(f.adminA.token()).queryParam("reason", "核实身份").when()
                .get("/api/v1/people/" + person + "/id-number").then().statusCode(200).body("idNumber", equalTo(id));
        given().auth().oauth2(f.adminA.token()).when().get("/api/v1/people/" + person + "/phone").then().statusCode(200)
                .body("phone", equalTo("13900001111"));
        assertEquals(before + 2, IncidentFixture.intValue("SELECT count(*)::int FROM pii_reveal_audit WHERE subject_kind = "
                + "'person' AND subject_id = $1 AND actor_user_id = $2", person, f.adminA.userId()));
        assertEquals(1, IncidentFixture.intValue("SELECT count(*)::int FROM pii_reveal_audit WHERE subject_kind = 'person' "
                + "AND subject_id = $1 AND field = 'id_number' AND reason = '核实身份'", person));
        given().auth().oauth2(f.adminB.token()).when().get("/api/v1/people/" + person + "/id-number").then().statusCode(404)
                .body("code", equalTo("PERSON_NOT_FOUND"));
        // stored encrypted: the column never holds the number itself
        assertEquals(0, IncidentFixture.intValue("SELECT count(*)::int FROM person WHERE id = $1 "
                + "AND position(convert_to($2, 'UTF8') in id_number_enc) > 0", person, id));
    }

    @Test
    void badInputIsRefusedInChineseAndWritesNothing() {
        PeopleFixture f = new PeopleFixture();
        long household = f.household(f.room("601"));
        String good = f.idNumber();
        String badCheck = good.substring(0, 17) + (good.charAt(17) == '0' ? '1' : '0');
        f.addPerson(f.worker.token(), household, PeopleFixture.person("赵六", badCheck, null, "户主", List.of()))
                .statusCode(400).contentType(containsString("application/problem+json"))
                .body("code", equalTo("VALIDATION_FAILED")).body("detail", containsString("身份证号校验位不正确"))
                .body("errors[0].field", equalTo("idNumber"));
        f.addPerson(f.worker.token(), household, PeopleFixture.person("", null, "12345", "邻居", List.of("富人")))
                .statusCode(400).body("errors.field", equalTo(List.of("name", "phone", "relation", "tags")));
        f.createRoom(f.worker.token(), f.tree.buildingA().id(), null, "", "别墅").statusCode(400)
                .body("code", equalTo("VALIDATION_FAILED")).body("detail", containsString("请填写房号"));
        f.addPerson(f.worker.token(), household, PeopleFixture.person("赵六", good, null, "户主", List.of())).statusCode(201);
        f.addPerson(f.worker.token(), household, PeopleFixture.person("赵六", good, null, "户主", List.of())).statusCode(409)
                .body("code", equalTo("PERSON_ID_NUMBER_TAKEN"));
        given().auth().oauth2(f.worker.token()).when().get("/api/v1/households/" + household).then().statusCode(200)
                .body("people", hasSize(1));
        given().auth().oauth2(f.worker.token()).queryParam("limit", 500)
                .when().get("/api/v1/buildings/" + f.tree.buildingA().id() + "/roster").then().statusCode(400)
                .body("code", equalTo("BAD_LIMIT"));
        given().auth().oauth2(f.worker.token()).when().delete("/api/v1/people/1").then().statusCode(400)
                .body("code", equalTo("VALIDATION_FAILED"));
    }

    @Test
    void residentClaimsWithAOneTimeCodeSeesOnlyTheirHouseholdAndCorrectsIt() {
        PeopleFixture f = new PeopleFixture();
        long mine = f.household(f.room("701"));
        long other = f.household(f.room("702"));
        long head = f.addPerson(f.worker.token(), mine, PeopleFixture.person("孙七", f.idNumber(), "13700002222", "户主",
                List.of("独居老人"))).statusCode(201).extract().jsonPath().getLong("id");
        long neighbour = f.addPerson(f.worker.token(), other, PeopleFixture.person("周八", null, null, "户主", List.of()))
                .statusCode(201).extract().jsonPath().getLong("id");
        TestTokens.Resident resident = TestTokens.resident();

        given().auth().oauth2(resident.token()).when().get("/api/v1/me/household").then().statusCode(404)
                .body("code", equalTo("HOUSEHOLD_NOT_CLAIMED"));
        given().auth().oauth2(f.workerB.token()).when().post("/api/v1/households/" + mine + "/claim-codes").then()
                .statusCode(404);
        String code = given().auth().oauth2(f.worker.token()).when().post("/api/v1/households/" + mine + "/claim-codes")
                .then().statusCode(201).body("householdId", equalTo((int) mine)).extract().jsonPath().getString("code");
        assertEquals(0, IncidentFixture.intValue("SELECT count(*)::int FROM household_claim_code WHERE code_hash = "
                + "convert_to($1, 'UTF8')", code), "only the hash is stored");
        given().auth().oauth2(resident.token()).contentType(ContentType.JSON).body(Map.of("code", "WRONG123"))
                .when().post("/api/v1/me/household/claim").then().statusCode(400).body("code", equalTo("CLAIM_CODE_INVALID"))
                .body("detail", containsString("认领码无效"));
        given().auth().oauth2(resident.token()).contentType(ContentType.JSON).body(Map.of("code", code.toLowerCase()))
                .when().post("/api/v1/me/household/claim").then().statusCode(200).body("id", equalTo((int) mine))
                .body("people[0].phone", equalTo("137****2222"));
        // single use
        TestTokens.Resident second = TestTokens.resident();
        given().auth().oauth2(second.token()).contentType(ContentType.JSON).body(Map.of("code", code))
                .when().post("/api/v1/me/household/claim").then().statusCode(400).body("code", equalTo("CLAIM_CODE_INVALID"));

        given().auth().oauth2(resident.token()).when().get("/api/v1/me/household").then().statusCode(200)
                .body("id", equalTo((int) mine));
        given().auth().oauth2(resident.token()).when().get("/api/v1/households/" + mine).then().statusCode(200);
        // never anyone else's
        given().auth().oauth2(resident.token()).when().get("/api/v1/households/" + other).then().statusCode(404)
                .body("code", equalTo("HOUSEHOLD_NOT_FOUND"));
        given().auth().oauth2(resident.token()).when().get("/api/v1/people/" + neighbour).then().statusCode(404);
        Map<String, Object> takeover = PeopleFixture.person("周八", null, null, "户主", List.of());
        takeover.put("version", 0); // a well-formed edit: refused for whose it is, not for its form
        given().auth().oauth2(resident.token()).contentType(ContentType.JSON).body(takeover)
                .when().put("/api/v1/people/" + neighbour).then().statusCode(404);
        f.addPerson(resident.token(), other, PeopleFixture.person("冒充", null, null, "其他", List.of())).statusCode(404);
        given().auth().oauth2(resident.token()).when().get("/api/v1/buildings/" + f.tree.buildingA().id() + "/roster")
                .then().statusCode(403);

        // corrects their own people: the phone changes, the key-group tag set by staff stays
        Map<String, Object> fix = PeopleFixture.person("孙七", null, "13700003333", "户主", List.of());
        fix.put("version", 0);
        given().auth().oauth2(resident.token()).contentType(ContentType.JSON).body(fix)
                .when().put("/api/v1/people/" + head).then().statusCode(200)
                .body("phone", equalTo("137****3333")).body("tags", equalTo(List.of("ELDERLY_ALONE")))
                .body("version", equalTo(1));
        f.addPerson(resident.token(), mine, PeopleFixture.person("孙小七", null, null, "孙子女", List.of("留守儿童")))
                .statusCode(201).body("tags", hasSize(0));
        assertEquals(1, IncidentFixture.intValue("SELECT count(*)::int FROM person WHERE id = $1 AND updated_via = 'RESIDENT' "
                + "AND updated_by = $2", head, resident.userId()));

        // an expired code is refused
        String late = given().auth().oauth2(f.adminA.token()).when().post("/api/v1/households/" + other + "/claim-codes")
                .then().statusCode(201).extract().jsonPath().getString("code");
        IncidentFixture.intValue("WITH e AS (UPDATE household_claim_code SET expires_at = created_at - interval '1 second' "
                + "WHERE household_id = $1 RETURNING 1) SELECT count(*)::int FROM e", other);
        given().auth().oauth2(second.token()).contentType(ContentType.JSON).body(Map.of("code", late))
                .when().post("/api/v1/me/household/claim").then().statusCode(400).body("code", equalTo("CLAIM_CODE_INVALID"))
                .body("detail", not(containsString("Exception")));
    }

    /**
     * Codes cannot be guessed: a resident may try 10 an hour, right or wrong; the 11th is refused with 429 before it is
     * looked at (even the right one, which stays unused for whoever holds it), and other residents are not held back.
     */
    @Test
    void aResidentMayTryTenClaimCodesAnHour() {
        PeopleFixture f = new PeopleFixture();
        long mine = f.household(f.room("801"));
        String code = given().auth().oauth2(f.worker.token()).when().post("/api/v1/households/" + mine + "/claim-codes")
                .then().statusCode(201).extract().jsonPath().getString("code");
        TestTokens.Resident guesser = TestTokens.resident();
        for (int i = 0; i < 10; i++) {
            given().auth().oauth2(guesser.token()).contentType(ContentType.JSON).body(Map.of("code", "WRONG" + (100 + i)))
                    .when().post("/api/v1/me/household/claim").then().statusCode(400)
                    .body("code", equalTo("CLAIM_CODE_INVALID"));
        }
        given().auth().oauth2(guesser.token()).contentType(ContentType.JSON).body(Map.of("code", code))
                .when().post("/api/v1/me/household/claim").then().statusCode(429)
                .contentType("application/problem+json").header("Retry-After", notNullValue())
                .body("code", equalTo("TOO_MANY_CLAIM_ATTEMPTS")).body("detail", containsString("认领码尝试次数过多"));
        given().auth().oauth2(guesser.token()).when().get("/api/v1/me/household").then().statusCode(404)
                .body("code", equalTo("HOUSEHOLD_NOT_CLAIMED"));
        TestTokens.Resident holder = TestTokens.resident();
        given().auth().oauth2(holder.token()).contentType(ContentType.JSON).body(Map.of("code", code))
                .when().post("/api/v1/me/household/claim").then().statusCode(200).body("id", equalTo((int) mine));
    }
}
