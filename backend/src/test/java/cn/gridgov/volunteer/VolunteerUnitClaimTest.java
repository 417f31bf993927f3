package cn.gridgov.volunteer;

import cn.gridgov.identity.TestTokens;
import cn.gridgov.party.CobuildFixture;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import static cn.gridgov.party.CobuildFixture.createUnit;
import static cn.gridgov.party.CobuildFixture.linkedContact;
import static cn.gridgov.volunteer.VolunteerFixture.CLAIMS;
import static cn.gridgov.volunteer.VolunteerFixture.TASKS;
import static cn.gridgov.volunteer.VolunteerFixture.as;
import static cn.gridgov.volunteer.VolunteerFixture.count;
import static cn.gridgov.volunteer.VolunteerFixture.parallel;
import static cn.gridgov.volunteer.VolunteerFixture.photo;
import static cn.gridgov.volunteer.VolunteerFixture.published;
import static cn.gridgov.volunteer.VolunteerFixture.task;
import static cn.gridgov.volunteer.VolunteerFixture.volunteer;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Co-building units claim volunteer tasks through their linked contact (issue 10 §4): only with an agreement in force
 * with the task's community, once per unit and task, never past the places needed alongside volunteers; the contact
 * reports, the community confirms, and no points are credited to anyone for a unit's claim.
 */
@QuarkusTest
class VolunteerUnitClaimTest {

    @Test
    void aUnitClaimsThroughItsContactOnceReportsAndIsConfirmedWithoutPoints() {
        VolunteerFixture f = new VolunteerFixture();
        CobuildFixture c = new CobuildFixture(f.party.tree);
        String phone = c.phone(1);
        long unit = createUnit(c.adminA.token(), c.unit("县供电公司", phone, f.party.tree.communityA().id(), "2026-01-01",
                "2099-12-31"));
        TestTokens.Resident contact = linkedContact(phone);
        long taskId = published(f.party.adminA.token(), task(f.party.tree.communityA().id(), f.party.tree.compoundA().id(), 3, 20));

        long claim = as(contact.token()).body(Map.of("unitId", unit)).post(TASKS + "/" + taskId + "/unit-claims").then()
                .statusCode(201).body("cobuildUnitId", equalTo((int) unit)).body("cobuildUnitName", equalTo("县供电公司"))
                .body("volunteerId", nullValue()).body("phone", equalTo(CobuildFixture.masked(phone)))
                .body("status", equalTo("CLAIMED")).extract().jsonPath().getLong("id");
        // once per unit and task
        as(contact.token()).body(Map.of("unitId", unit)).post(TASKS + "/" + taskId + "/unit-claims").then().statusCode(409)
                .body("code", equalTo("UNIT_ALREADY_CLAIMED")).body("detail", containsString("该单位已认领过"));
        as(contact.token()).get(CLAIMS + "/units").then().statusCode(200).body("items.id", equalTo(List.of((int) claim)));
        as(f.party.adminA.token()).get(TASKS + "/" + taskId).then().statusCode(200).body("claimed", equalTo(1));

        // the contact reports the unit's part; someone else cannot; the community confirms, no points anywhere
        TestTokens.Resident stranger = TestTokens.resident();
        as(stranger.token()).body(Map.of("mediaIds", List.of(photo(stranger.token())))).post(CLAIMS + "/" + claim + "/report")
                .then().statusCode(404).body("code", equalTo("VOLUNTEER_CLAIM_NOT_FOUND"));
        as(contact.token()).body(Map.of("note", "抢修线路两处", "mediaIds", List.of(photo(contact.token()))))
                .post(CLAIMS + "/" + claim + "/report").then().statusCode(200).body("status", equalTo("REPORTED"));
        as(f.party.adminB.token()).post(CLAIMS + "/" + claim + "/confirm").then().statusCode(404);
        as(f.party.adminA.token()).post(CLAIMS + "/" + claim + "/confirm").then().statusCode(200)
                .body("status", equalTo("CONFIRMED")).body("pointsCredited", nullValue());
        assertEquals(0, count("SELECT count(*) FROM volunteer_points WHERE claim_id = $1", claim));
        // the contact is told of the confirmation (the task template), like a volunteer
        assertEquals(1, count("SELECT count(*) FROM notify_outbox WHERE recipient_id = $1", contact.userId()));
    }

    @Test
    void noAgreementInForceWithTheTasksCommunityIsNoClaim() {
        VolunteerFixture f = new VolunteerFixture();
        CobuildFixture c = new CobuildFixture(f.party.tree);
        String phone = c.phone(2);
        // signed with community B only
        long unit = createUnit(c.adminB.token(), c.unit("县职业学校", phone, f.party.tree.communityB().id(), "2026-01-01",
                "2099-12-31"));
        TestTokens.Resident contact = linkedContact(phone);
        long taskOfA = published(f.party.adminA.token(), task(f.party.tree.communityA().id(), f.party.tree.compoundA().id(), 2, 5));
        as(contact.token()).body(Map.of("unitId", unit)).post(TASKS + "/" + taskOfA + "/unit-claims").then().statusCode(404)
                .body("code", equalTo("VOLUNTEER_TASK_NOT_FOUND"));
        // not the unit's contact: 404 as well; no unit named: 400
        TestTokens.Resident other = TestTokens.resident();
        long taskOfB = published(f.party.adminB.token(), task(f.party.tree.communityB().id(), f.party.tree.compoundB().id(), 2, 5));
        as(other.token()).body(Map.of("unitId", unit)).post(TASKS + "/" + taskOfB + "/unit-claims").then().statusCode(404);
        as(contact.token()).body(Map.of()).post(TASKS + "/" + taskOfB + "/unit-claims").then().statusCode(400)
                .body("code", equalTo("VALIDATION_FAILED"));
        assertEquals(0, count("SELECT count(*) FROM volunteer_claim WHERE task_id IN ($1, $2)", taskOfA, taskOfB));
        as(contact.token()).body(Map.of("unitId", unit)).post(TASKS + "/" + taskOfB + "/unit-claims").then().statusCode(201);
    }

    @Test
    void unitsAndVolunteersClaimingAtOnceNeverExceedThePlaces() {
        VolunteerFixture f = new VolunteerFixture();
        CobuildFixture c = new CobuildFixture(f.party.tree);
        long taskId = published(f.party.adminA.token(), task(f.party.tree.communityA().id(), f.party.tree.compoundA().id(), 2, 10));
        List<Callable<Integer>> claims = new ArrayList<>();
        for (int i = 3; i < 6; i++) {
            String phone = c.phone(i);
            long unit = createUnit(c.adminA.token(), c.unit("共建单位" + i, phone, f.party.tree.communityA().id(),
                    "2026-01-01", "2099-12-31"));
            TestTokens.Resident contact = linkedContact(phone);
            claims.add(() -> as(contact.token()).body(Map.of("unitId", unit)).post(TASKS + "/" + taskId + "/unit-claims")
                    .then().extract().statusCode());
        }
        for (int i = 0; i < 3; i++) {
            TestTokens.Resident v = volunteer(f.party.tree.communityA().id(), f.phone());
            claims.add(() -> as(v.token()).post(TASKS + "/" + taskId + "/claims").then().extract().statusCode());
        }
        List<Integer> statuses = parallel(claims);
        assertEquals(2, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
        assertEquals(4, statuses.stream().filter(s -> s == 409).count(), statuses.toString());
        assertEquals(2, count("SELECT count(*) FROM volunteer_claim WHERE task_id = $1", taskId));
    }
}
