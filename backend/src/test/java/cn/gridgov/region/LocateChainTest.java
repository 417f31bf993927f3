package cn.gridgov.region;

import cn.gridgov.common.geo.LngLat;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static cn.gridgov.region.RegionFixture.feature;
import static cn.gridgov.region.RegionFixture.imported;
import static cn.gridgov.region.RegionFixture.props;
import static cn.gridgov.region.RegionFixture.withCounty;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Locate reads the chain each area carries (V7_97) instead of joining its ancestors (issue 18): its answers are
 * those of the statement before (kept as bench/locate/locate-before.sql), and the chains follow renames and moves.
 * The tree held in memory for locate (LocateTree) answers the same on every point, after the moves too.
 */
@QuarkusTest
class LocateChainTest {

    /** The statement before issue 18, which the benchmark's compare.sh also runs; the tests run in backend/. */
    private static final Path LOCATE_BEFORE = Path.of("../bench/locate/locate-before.sql");

    @Inject
    Pool pool;

    @Inject
    RegionRepository regions;

    @Inject
    LocateIndex index;

    @Test
    void answersAreThoseOfTheStatementBeforeOnEveryPointOfAGrid() throws IOException {
        RegionFixture.SmallTree tree = new RegionFixture.SmallTree();
        imported(tree.file());
        String before = RegionRepository.compact(Files.readString(LOCATE_BEFORE, StandardCharsets.UTF_8));
        LocateTree held = index.load().await().indefinitely();
        int located = 0;
        int withBuilding = 0;
        int nearest = 0;
        // 0.0005° steps over the cell and a little beyond: footprints, between buildings, borders, outside the town
        for (int x = 0; x <= 40; x++) {
            for (int y = 0; y <= 40; y++) {
                LngLat point = new LngLat(tree.cell.lng() - 0.001 + x * 0.0005, tree.cell.lat() - 0.001 + y * 0.0005);
                Location expected = locateBefore(before, point);
                Location actual = regions.locateInDatabase(point).await().indefinitely();
                assertEquals(expected, actual, "at " + point);
                assertEquals(expected, index.locate(held, point).await().indefinitely(), "in memory at " + point);
                if (actual != null) {
                    located++;
                    withBuilding += actual.building() == null ? 0 : 1;
                    nearest += actual.building() != null && actual.building().distanceMetres() > 0 ? 1 : 0;
                }
            }
        }
        // the grid reaches every kind of answer
        assertEquals(41 * 41, located, "the test county covers the whole grid");
        assertTrue(withBuilding > 0 && withBuilding < located, "with a building: " + withBuilding);
        assertTrue(nearest > 0 && nearest < withBuilding, "next to a building: " + nearest);
    }

    @Test
    void chainsFollowRenamesAndMoves() {
        RegionFixture.SmallTree tree = new RegionFixture.SmallTree();
        imported(tree.file());
        assertEquals(0, staleChains(tree.cell.prefix()));

        // the town and the community renamed, the community halved and compound B moved to a new community in the
        // other half
        props(tree.town).put("name", tree.cell.code("新镇"));
        props(tree.community).put("name", tree.cell.code("新社区"));
        tree.community.put("geometry", tree.cell.box(0.001, 0.001, 0.008, 0.017));
        Map<String, Object> community2 = feature(tree.cell.code("C2"), tree.cell.code("T"), tree.cell.code("二社区"),
                "COMMUNITY", tree.cell.box(0.008, 0.001, 0.017, 0.017));
        props(tree.compoundB).put("parentCode", tree.cell.code("C2"));
        imported(withCounty(tree.town, community2, tree.community, tree.compoundA, tree.compoundB,
                tree.building1, tree.building2, tree.building3));

        assertEquals(0, staleChains(tree.cell.prefix()));
        LngLat pointInB = new LngLat(tree.cell.lng() + 0.0101, tree.cell.lat() + 0.0031);
        Location inB = regions.locateInDatabase(pointInB).await().indefinitely();
        assertEquals(inB, index.locate(index.load().await().indefinitely(), pointInB).await().indefinitely());
        assertNotNull(inB);
        assertEquals(List.of(RegionFixture.COUNTY_CODE, tree.cell.code("T"), tree.cell.code("C2"), tree.cell.code("KB")),
                inB.chain().stream().map(Location.Node::code).toList());
        assertEquals(List.of("测试县", tree.cell.code("新镇"), tree.cell.code("二社区"), tree.cell.code("乙小区")),
                inB.chain().stream().map(Location.Node::name).toList());
        assertEquals(tree.cell.code("B3"), inB.building().code());
    }

    /** Areas of the cell whose stored chain is not the one their ancestors make. */
    private long staleChains(String codePrefix) {
        Row row = pool.preparedQuery("""
                        SELECT count(*) AS n FROM region r,
                             LATERAL (SELECT array_agg(a.code::text ORDER BY nlevel(a.path)) AS codes,
                                             array_agg(a.name::text ORDER BY nlevel(a.path)) AS names,
                                             array_agg(a.level::text ORDER BY nlevel(a.path)) AS levels
                                      FROM region a WHERE a.path @> r.path) joined
                        WHERE r.level <> 'BUILDING' AND (r.code LIKE $1 OR r.parent_id IS NULL)
                          AND (r.chain_codes, r.chain_names, r.chain_levels)
                              IS DISTINCT FROM (joined.codes, joined.names, joined.levels)""")
                .execute(Tuple.of(codePrefix + "%")).await().indefinitely().iterator().next();
        return row.getLong("n");
    }

    /** The statement before and the mapping of its rows (one per area of the chain, then the building). */
    private Location locateBefore(String sql, LngLat point) {
        List<Location.Node> chain = new ArrayList<>();
        Location.Building building = null;
        for (Row row : pool.preparedQuery(sql).execute(Tuple.of(point.lng(), point.lat())).await().indefinitely()) {
            if ("chain".equals(row.getString("part"))) {
                chain.add(new Location.Node(row.getLong("id"), row.getString("code"), row.getString("name"),
                        RegionLevel.valueOf(row.getString("level"))));
            } else {
                building = new Location.Building(row.getLong("id"), row.getString("code"), row.getString("name"),
                        Math.round(row.getDouble("distance_m") * 100) / 100.0);
            }
        }
        return chain.isEmpty() ? null : new Location(List.copyOf(chain), building);
    }
}
