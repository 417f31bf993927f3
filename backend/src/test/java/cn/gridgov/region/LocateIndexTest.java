package cn.gridgov.region;

import cn.gridgov.common.geo.LngLat;
import cn.gridgov.common.time.Await;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static cn.gridgov.region.RegionFixture.imported;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The region tree held for locate (LocateIndex): held while LISTEN is up, dropped when the region table changes
 * anywhere (a change by hand, as another replica would make it), a load that a change overtook is not kept, and
 * nothing is held while LISTEN is down or right after this replica changed the tree.
 */
@QuarkusTest
class LocateIndexTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    LocateIndex index;

    @Inject
    Pool pool;

    private RegionFixture.SmallTree tree;
    private LngLat inCompoundA;

    @BeforeEach
    void treeImported() {
        tree = new RegionFixture.SmallTree();
        imported(tree.file());
        inCompoundA = new LngLat(tree.cell.lng() + 0.0060, tree.cell.lat() + 0.0060);
        Await.until("LISTEN on region_changed is up", WAIT, index::isListening);
    }

    @AfterEach
    void listeningAgain() {
        index.listening();
    }

    @Test
    void aTreeChangedHereIsNotHeldUntilItsTimeIsOver() {
        assertNull(index.held(), "just imported here: answered by SQL");
        assertTrue(!index.isLoading(), "and no load started");
        index.endChangedHere();
        LocateTree held = heldAfterLoading();
        assertEquals(tree.cell.code("KA"), index.locate(inCompoundA).await().indefinitely().deepest().code());
        assertEquals(held.locate(inCompoundA.lng(), inCompoundA.lat()).location(),
                index.locate(inCompoundA).await().indefinitely());
    }

    @Test
    void aChangeByHandDropsTheTreeAndTheNextLoadSeesIt() {
        index.endChangedHere();
        LocateTree before = heldAfterLoading();
        // as another replica (or a person at psql) would: no call to this replica, only the trigger's announcement
        pool.preparedQuery("UPDATE region SET name = $2 WHERE code = $1")
                .execute(Tuple.of(tree.cell.code("KA"), tree.cell.code("改名小区"))).await().atMost(WAIT);
        Await.until("the announcement dropped the tree", WAIT, () -> index.current() != before);
        LocateTree after = heldAfterLoading();
        assertNotSame(before, after);
        assertEquals(tree.cell.code("改名小区"),
                index.locate(inCompoundA).await().indefinitely().deepest().name());
    }

    @Test
    void aLoadThatAChangeOvertookIsNotKept() {
        index.endChangedHere();
        heldAfterLoading();
        index.changed();
        // the load waits behind a lock on the table, so the announcement surely comes while it is under way
        SqlConnection locker = pool.getConnection().await().atMost(WAIT);
        try {
            locker.query("BEGIN").execute().await().atMost(WAIT);
            locker.query("LOCK TABLE region IN ACCESS EXCLUSIVE MODE").execute().await().atMost(WAIT);
            assertNull(index.held(), "dropped: a load starts");
            assertTrue(index.isLoading());
            index.changed();
            locker.query("ROLLBACK").execute().await().atMost(WAIT);
        } finally {
            locker.close().await().atMost(WAIT);
        }
        Await.until("the load ended", WAIT, () -> !index.isLoading());
        assertNull(index.current(), "a load from before the announcement is not kept");
        assertNotNull(heldAfterLoading(), "the next one is");
    }

    @Test
    void nothingIsHeldWhileListenIsDown() {
        index.endChangedHere();
        heldAfterLoading();
        index.notListening();
        assertNull(index.current());
        assertNull(index.held());
        assertTrue(!index.isLoading(), "no load while announcements would be missed");
        assertEquals(tree.cell.code("KA"), index.locate(inCompoundA).await().indefinitely().deepest().code(),
                "answered by SQL meanwhile");
        index.listening();
        assertNotNull(heldAfterLoading());
    }

    /** Asks for the tree until the load it starts is kept. */
    private LocateTree heldAfterLoading() {
        Await.until("the locate tree is held", WAIT, () -> index.held() != null);
        return index.current();
    }
}
