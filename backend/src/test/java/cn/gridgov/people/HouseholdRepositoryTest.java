package cn.gridgov.people;

import cn.gridgov.people.house.HouseholdRepository;
import cn.gridgov.people.house.RoomUse;
import cn.gridgov.region.RegionFixture;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The minimal household repository other domains link to: a household is found only within its scope. */
@QuarkusTest
class HouseholdRepositoryTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    Pool pool;
    @Inject
    HouseholdRepository households;

    @Test
    void householdIsFoundInItsBuildingsScopeOnly() {
        RegionFixture.Tree tree = RegionFixture.create();
        long unit = households.unit(pool, tree.buildingA().id(), "1单元").await().atMost(WAIT);
        assertEquals(unit, households.unit(pool, tree.buildingA().id(), "1单元").await().atMost(WAIT));
        long room = households.insertRoom(pool, tree.buildingA().id(), unit, "302", 3, 88.5, RoomUse.RENTED)
                .await().atMost(WAIT);
        long id = households.insertHousehold(pool, room, null).await().atMost(WAIT);

        var found = households.find(pool, id, tree.compoundA().path()).await().atMost(WAIT).orElseThrow();
        assertEquals("302", found.roomNumber());
        assertEquals("1单元", found.unitName());
        assertEquals(tree.buildingA().path(), found.buildingPath());
        assertTrue(households.find(pool, id, tree.compoundB().path()).await().atMost(WAIT).isEmpty());
        assertTrue(households.find(pool, id, null).await().atMost(WAIT).isPresent());
    }
}
