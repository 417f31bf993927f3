package cn.gridgov.region;

import cn.gridgov.common.security.Role;
import cn.gridgov.identity.TestTokens;
import cn.gridgov.region.importing.RegionImportService;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static cn.gridgov.region.RegionFixture.importFile;
import static cn.gridgov.region.RegionFixture.props;
import static cn.gridgov.region.RegionFixture.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Imports above the job threshold (3 features here) run in the background; clients poll their state. */
@QuarkusTest
@TestProfile(RegionImportJobTest.SmallJobs.class)
class RegionImportJobTest {

    /** Jobs from 4 features on, written 2 at a time, so a small tree exercises the job path and its batches. */
    public static class SmallJobs implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gridgov.region.import-job-threshold", "3", "gridgov.region.import-batch-size", "2");
        }
    }

    @Inject
    Pool pool;

    @Inject
    RegionImportService imports;

    @Test
    void aLargeImportRunsAsAJobPolledToSucceeded() {
        RegionFixture.SmallTree tree = new RegionFixture.SmallTree();
        String location = importFile(tree.file()).statusCode(202)
                .body("state", equalTo("PENDING"))
                .body("importId", notNullValue())
                .extract().header("Location");
        assertTrue(location.matches(".*/api/v1/imports/[0-9a-f-]{36}"), location);

        JsonPath done = pollUntilFinished(location);
        assertEquals("SUCCEEDED", done.getString("state"));
        assertEquals(8, done.getInt("total"));
        assertEquals(done.getInt("total"), done.getInt("processed"));
        assertEquals(8, done.getInt("loaded"));
        assertTrue(done.getInt("created") >= 7);
        assertEquals(0, done.getList("errors").size());
        RegionFixture.idOf(tree.cell.code("3号楼"));
    }

    @Test
    void aJobWaitsWhileAnotherImportRunsAndItsStateShowsIt() {
        RegionFixture.SmallTree tree = new RegionFixture.SmallTree();
        SqlConnection conn = pool.getConnection().await().indefinitely();
        try {
            Transaction tx = conn.begin().await().indefinitely();
            // what a running import holds
            conn.query("SELECT pg_advisory_xact_lock(26468, 0)").execute().await().indefinitely();
            String location = importFile(tree.file()).statusCode(202).extract().header("Location");
            given().get(location).then().statusCode(200)
                    .body("state", equalTo("PENDING"))
                    .body("total", equalTo(8))
                    .body("processed", equalTo(0));
            tx.commit().await().indefinitely();
            assertEquals("SUCCEEDED", pollUntilFinished(location).getString("state"));
        } finally {
            conn.close().await().indefinitely();
        }
    }

    @Test
    void aRefusedJobEndsFailedListingTheOffendingFeatures() {
        RegionFixture.SmallTree tree = new RegionFixture.SmallTree();
        props(tree.building3).put("parentCode", tree.cell.code("NOPE"));
        String location = importFile(tree.file()).statusCode(202).extract().header("Location");

        JsonPath failed = pollUntilFinished(location);
        assertEquals("FAILED", failed.getString("state"));
        assertEquals(7, failed.getInt("errors[0].index"));
        assertEquals(tree.cell.code("B3"), failed.getString("errors[0].code"));
        assertEquals("上级编码 " + tree.cell.code("NOPE") + " 不存在（文件和已有数据中都没有）",
                failed.getString("errors[0].reason"));
        given().header("Accept-Language", "en").get(location).then()
                .body("errors", hasSize(1))
                .body("errors[0].reason", equalTo("parent " + tree.cell.code("NOPE")
                        + " exists neither in the file nor in the tree"));
        given().queryParam("q", tree.cell.code("镇")).get("/api/v1/regions").then().body("items", hasSize(0));
    }

    @Test
    void jobsInterruptedByARestartAreMarkedFailedButRunningOnesAreNot() {
        UUID orphan = insertJob("RUNNING");
        UUID running = insertJob("RUNNING");
        SqlConnection conn = pool.getConnection().await().indefinitely();
        try {
            Transaction tx = conn.begin().await().indefinitely();
            // what a live job holds for as long as it runs
            conn.preparedQuery("SELECT pg_advisory_xact_lock(26469, hashtext($1::text))")
                    .execute(Tuple.of(running.toString())).await().indefinitely();
            assertTrue(imports.failInterruptedJobs().await().indefinitely() >= 1);
            tx.rollback().await().indefinitely();
        } finally {
            conn.close().await().indefinitely();
        }
        given().get("/api/v1/imports/" + orphan).then().statusCode(200)
                .body("state", equalTo("FAILED"))
                .body("message", notNullValue());
        given().get("/api/v1/imports/" + running).then().statusCode(200).body("state", equalTo("RUNNING"));
        given().get("/api/v1/imports/" + UUID.randomUUID()).then().statusCode(404)
                .body("code", equalTo("IMPORT_NOT_FOUND"));
        given().get("/api/v1/imports/not-a-uuid").then().statusCode(404);
    }

    @Test
    void onlyTheImporterAndAdminsAboveThemSeeAnImportJob() {
        RegionFixture.SmallTree mine = new RegionFixture.SmallTree();
        RegionFixture.SmallTree other = new RegionFixture.SmallTree();
        pollUntilFinished(importFile(mine.file()).statusCode(202).extract().header("Location"));
        pollUntilFinished(importFile(other.file()).statusCode(202).extract().header("Location"));
        RegionFixture.Node town = node(mine.cell.code("T"));
        TestTokens.Staff importer = TestTokens.staffOn(town, Role.TOWN_ADMIN);
        TestTokens.Staff peer = TestTokens.staffOn(town, Role.TOWN_ADMIN);
        TestTokens.Staff otherTown = TestTokens.staffOn(node(other.cell.code("T")), Role.TOWN_ADMIN);

        // the town admin re-imports their town's subtree: six features, so a job
        String location = RestAssured.given().auth().oauth2(importer.token()).contentType(ContentType.JSON)
                .body(RegionFixture.collection(List.of(mine.community, mine.compoundA, mine.compoundB, mine.building1,
                        mine.building2, mine.building3)))
                .when().post("/api/v1/regions/import").then().statusCode(202).extract().header("Location");
        assertEquals("SUCCEEDED", pollUntilFinished(location).getString("state"));

        for (TestTokens.Staff stranger : List.of(peer, otherTown)) {
            RestAssured.given().auth().oauth2(stranger.token()).when().get(location).then().statusCode(404)
                    .contentType("application/problem+json").body("code", equalTo("IMPORT_NOT_FOUND"));
        }
        RestAssured.given().auth().oauth2(importer.token()).when().get(location).then().statusCode(200)
                .body("state", equalTo("SUCCEEDED"));
        given().get(location).then().statusCode(200).body("total", equalTo(6));
    }

    private RegionFixture.Node node(String code) {
        Row r = pool.preparedQuery("SELECT id, code, name, level, path::text AS path FROM region WHERE code = $1")
                .execute(Tuple.of(code)).await().indefinitely().iterator().next();
        return new RegionFixture.Node(r.getLong("id"), r.getString("code"), r.getString("name"), r.getString("level"),
                r.getString("path"), 0, 0);
    }

    private UUID insertJob(String state) {
        return pool.preparedQuery("INSERT INTO region_import (state, coord_type, total) VALUES ($1, 'WGS84', 10) RETURNING id")
                .execute(Tuple.of(state)).await().indefinitely().iterator().next().getUUID("id");
    }

    private static JsonPath pollUntilFinished(String location) {
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline) {
            JsonPath job = given().get(location).then().statusCode(200).extract().jsonPath();
            String state = job.getString("state");
            if ("SUCCEEDED".equals(state) || "FAILED".equals(state)) {
                return job;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted");
            }
        }
        fail("the job did not finish within 30 s: " + location);
        return null;
    }
}
