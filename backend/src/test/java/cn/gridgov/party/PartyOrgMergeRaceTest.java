package cn.gridgov.party;

import cn.gridgov.common.time.Await;
import cn.gridgov.region.RegionFixture;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static cn.gridgov.party.PartyTreeFixture.as;
import static cn.gridgov.party.PartyTreeFixture.create;
import static cn.gridgov.party.PartyTreeFixture.version;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two organisations merged into each other at the same moment: the second merge waits for the first and is refused
 * (the organisation to merge into has ended), instead of the two deadlocking. Made deterministic: the organisation of
 * the lower id is held by a third transaction until both merges are seen waiting, the merge out of it queued first.
 * Without the ordered lock, the first merge (holding the lower one) waits for the higher one, which the second holds
 * while it waits for the lower one: PostgreSQL breaks the deadlock by failing the first.
 */
@QuarkusTest
class PartyOrgMergeRaceTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String ORGS = "/api/v1/party/orgs";

    @Inject
    Pool pool;

    @Test
    void mergesIntoEachOtherWaitForEachOtherAndTheLaterIsRefused() throws Exception {
        PartyTreeFixture f = new PartyTreeFixture().build();
        RegionFixture.Node second = RegionFixture.node(f.tree.compoundA().code() + "-R", "甲四小区" + f.tree.compoundA().id(),
                "COMPOUND", f.tree.communityA(), f.tree.compoundA().lng() - 0.005, f.tree.compoundA().lat(), 0.002);
        long secondOrg = create(f.adminA.token(), Map.of("kind", "COMPOUND_BRANCH", "regionId", second.id()));
        long low = Math.min(f.compoundOrgA, secondOrg);
        long high = Math.max(f.compoundOrgA, secondOrg);
        String token = f.adminA.token();
        int lowVersion = version(token, low);
        int highVersion = version(token, high);

        SqlConnection holder = pool.getConnection().await().atMost(WAIT);
        try {
            holder.query("BEGIN").execute().await().atMost(WAIT);
            holder.preparedQuery("SELECT id FROM party_org WHERE id = $1 FOR UPDATE").execute(Tuple.of(low))
                    .await().atMost(WAIT);

            CompletableFuture<Response> lowIntoHigh = CompletableFuture.supplyAsync(() -> as(token)
                    .body(Map.of("version", lowVersion, "intoId", high)).post(ORGS + "/" + low + "/merge"));
            Await.until("the first merge waits", WAIT, () -> waiting() >= 1);
            CompletableFuture<Response> highIntoLow = CompletableFuture.supplyAsync(() -> as(token)
                    .body(Map.of("version", highVersion, "intoId", low)).post(ORGS + "/" + high + "/merge"));
            Await.until("both merges wait", WAIT, () -> waiting() >= 2);
            holder.query("COMMIT").execute().await().atMost(WAIT);

            Response first = lowIntoHigh.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            Response later = highIntoLow.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertEquals(200, first.statusCode(), first.asString());
            assertEquals(422, later.statusCode(), later.asString());
            assertTrue(later.asString().contains("已撤销或合并"), later.asString());
        } finally {
            holder.close().await().atMost(WAIT);
        }
        as(token).get(ORGS + "/" + low).then().statusCode(200)
                .body("status", equalTo("MERGED"))
                .body("mergedIntoId", equalTo((int) high));
        as(token).get(ORGS + "/" + high).then().statusCode(200).body("status", equalTo("ACTIVE"));
    }

    /** Transactions of this database waiting for a row lock of party_org. */
    private int waiting() {
        return pool.query("""
                        SELECT count(*)::int AS n FROM pg_stat_activity
                        WHERE wait_event_type = 'Lock' AND datname = current_database()
                          AND query LIKE '%FROM party_org WHERE id%FOR UPDATE%'""")
                .execute().await().atMost(WAIT).iterator().next().getInteger("n");
    }
}
