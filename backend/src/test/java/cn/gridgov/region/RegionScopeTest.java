package cn.gridgov.region;

import cn.gridgov.common.error.DomainException;
import cn.gridgov.common.geo.CoordType;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static cn.gridgov.region.RegionFixture.imported;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A caller bound to a town sees that town's subtree only; anything else looks absent (404). */
@QuarkusTest
class RegionScopeTest {

    @Inject
    RegionService regions;

    private RegionFixture.SmallTree mine;
    private RegionFixture.SmallTree other;
    private String scope;

    @BeforeEach
    void trees() {
        mine = new RegionFixture.SmallTree();
        other = new RegionFixture.SmallTree();
        imported(mine.file());
        imported(other.file());
        scope = await(regions.get(mine.id(mine.town), null, CoordType.WGS84)).path();
    }

    @Test
    void nodesInsideTheScopeAreVisible() {
        Region building = await(regions.get(mine.id(mine.building1), scope, CoordType.WGS84));
        assertEquals(mine.cell.code("B1"), building.code());
        assertEquals(2, await(regions.children(mine.id(mine.community), scope, CoordType.WGS84)).size());
        // ancestors stop at the top of the scope: the county is not the caller's
        assertEquals(List.of(mine.cell.code("T"), mine.cell.code("C"), mine.cell.code("KA")),
                await(regions.ancestors(mine.id(mine.building1), scope, CoordType.WGS84)).stream()
                        .map(Region::code).toList());
        assertEquals(7, await(regions.exportGeoJson(mine.id(mine.town), 4, scope, CoordType.WGS84))
                .get("features").size());
    }

    @Test
    void nodesOutsideTheScopeAnswerNotFoundLikeMissingOnes() {
        long outside = other.id(other.building1);
        assertNotFound(regions.get(outside, scope, CoordType.WGS84));
        assertNotFound(regions.children(other.id(other.community), scope, CoordType.WGS84));
        assertNotFound(regions.ancestors(outside, scope, CoordType.WGS84));
        assertNotFound(regions.exportGeoJson(other.id(other.town), 4, scope, CoordType.WGS84));
        // the county above the scope too
        assertNotFound(regions.get(RegionFixture.idOf("测试县"), scope, CoordType.WGS84));
    }

    @Test
    void listsHoldOnlyTheScope() {
        List<Region> buildings = await(regions.list(RegionLevel.BUILDING, null, null, null, 200, scope,
                CoordType.WGS84)).items();
        assertEquals(List.of(mine.cell.code("B1"), mine.cell.code("B2"), mine.cell.code("B3")),
                buildings.stream().map(Region::code).toList());
        assertTrue(await(regions.list(null, other.id(other.community), null, null, 200, scope, CoordType.WGS84))
                .items().isEmpty());
        // without a scope, both trees are there
        assertEquals(other.cell.code("B1"), await(regions.get(other.id(other.building1), null, CoordType.WGS84)).code());
    }

    private static <T> T await(Uni<T> uni) {
        return uni.await().indefinitely();
    }

    private static void assertNotFound(Uni<?> uni) {
        DomainException e = assertThrows(DomainException.class, () -> uni.await().indefinitely());
        assertEquals(404, e.status());
        assertEquals("REGION_NOT_FOUND", e.code());
    }
}
