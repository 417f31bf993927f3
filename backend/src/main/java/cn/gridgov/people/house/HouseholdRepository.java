package cn.gridgov.people.house;

import cn.gridgov.region.RegionSql;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/**
 * Units, rooms and households: named SQL on the reactive client (the people tables are never mapped as entities).
 * Reads take the caller's scope (ltree text, null for unrestricted): rows outside it look absent. The caller
 * opens the transaction and passes its connection.
 */
@ApplicationScoped
public class HouseholdRepository {

    private static final String HOUSEHOLD = "SELECT h.id, h.room_id, r.number, u.name AS unit_name, h.building_id, "
            + "b.name AS building_name, " + RegionSql.pathText("b") + " AS building_path, h.version "
            + "FROM household h JOIN room r ON r.id = h.room_id LEFT JOIN house_unit u ON u.id = r.unit_id "
            + RegionSql.joinNode("b", "h.building_id");

    /** The household {@code id} if it lies within {@code scope} (null: anywhere). */
    public Uni<Optional<HouseholdRef>> find(SqlClient db, long id, String scope) {
        return db.preparedQuery(HOUSEHOLD + " WHERE h.id = $1 AND ($2::text IS NULL OR "
                        + RegionSql.within("b", "$2") + ")")
                .execute(Tuple.of(id, scope))
                .map(rows -> first(rows).map(HouseholdRepository::household));
    }

    /** The id of the unit named {@code name} in the building, created when missing. */
    public Uni<Long> unit(SqlClient db, long buildingId, String name) {
        return db.preparedQuery("INSERT INTO house_unit (building_id, name) VALUES ($1, $2) "
                        + "ON CONFLICT ON CONSTRAINT house_unit_name_per_building DO UPDATE SET name = EXCLUDED.name "
                        + "RETURNING id")
                .execute(Tuple.of(buildingId, name))
                .map(rows -> rows.iterator().next().getLong("id"));
    }

    /** A new room; its id. */
    public Uni<Long> insertRoom(SqlClient db, long buildingId, Long unitId, String number, Integer floor,
                                Double areaM2, RoomUse use) {
        return db.preparedQuery("INSERT INTO room (building_id, unit_id, number, floor, area_m2, use) "
                        + "VALUES ($1, $2, $3, $4, $5, $6) RETURNING id")
                .execute(Tuple.from(new Object[]{buildingId, unitId, number, floor, areaM2, use.name()}))
                .map(rows -> rows.iterator().next().getLong("id"));
    }

    /** A new household in the room (its building copied from the room); its id. */
    public Uni<Long> insertHousehold(SqlClient db, long roomId, String label) {
        return db.preparedQuery("INSERT INTO household (room_id, building_id, label) "
                        + "SELECT id, building_id, $2 FROM room WHERE id = $1 RETURNING id")
                .execute(Tuple.of(roomId, label))
                .map(rows -> rows.iterator().next().getLong("id"));
    }

    static HouseholdRef household(Row r) {
        return new HouseholdRef(r.getLong("id"), r.getLong("room_id"), r.getString("number"), r.getString("unit_name"),
                r.getLong("building_id"), r.getString("building_name"), r.getString("building_path"),
                r.getInteger("version"));
    }

    static Optional<Row> first(RowSet<Row> rows) {
        var it = rows.iterator();
        return it.hasNext() ? Optional.of(it.next()) : Optional.empty();
    }
}
