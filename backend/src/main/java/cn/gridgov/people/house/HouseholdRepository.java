package cn.gridgov.people.house;

import cn.gridgov.region.RegionSql;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
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

    private static final String ROOM = "SELECT r.id, r.building_id, r.unit_id, u.name AS unit_name, r.number, r.floor, "
            + "r.area_m2::float8 AS area_m2, r.use, r.version, " + RegionSql.pathText("b") + " AS building_path "
            + "FROM room r LEFT JOIN house_unit u ON u.id = r.unit_id" + RegionSql.joinNode("b", "r.building_id");

    private static final String DETAIL = "SELECT h.id, h.label, h.version, h.room_id, r.number, u.name AS unit_name, "
            + "r.floor, r.use, h.building_id, b.name AS building_name, " + RegionSql.pathText("b") + " AS building_path "
            + "FROM household h JOIN room r ON r.id = h.room_id LEFT JOIN house_unit u ON u.id = r.unit_id "
            + RegionSql.joinNode("b", "h.building_id");

    /** The unique index of door numbers in a unit. */
    public static final String ROOM_NUMBER_UNIQUE = "room_number_per_unit";
    /** The unique index of household labels in a room. */
    public static final String LABEL_UNIQUE = "household_label_per_room";

    /** A room as stored, with its building's path (scope checks). */
    public record RoomRow(long id, long buildingId, Long unitId, String unitName, String number, Integer floor,
                          Double areaM2, String use, int version, String buildingPath) {
    }

    /** A household with what its page shows of its room and building. */
    public record HouseholdRow(long id, String label, int version, long roomId, String roomNumber, String unitName,
                               Integer floor, String use, long buildingId, String buildingName, String buildingPath) {
    }

    /** The room if its building lies within {@code scope} (null: anywhere). */
    public Uni<Optional<RoomRow>> findRoom(SqlClient db, long id, String scope) {
        return db.preparedQuery(ROOM + " WHERE r.id = $1 AND ($2::text IS NULL OR " + RegionSql.within("b", "$2") + ")")
                .execute(Tuple.of(id, scope))
                .map(rows -> first(rows).map(HouseholdRepository::room));
    }

    /** The rooms of a building (the import matches its rows to them by unit and door number). */
    public Uni<List<RoomRow>> roomsOf(SqlClient db, long buildingId) {
        return db.preparedQuery(ROOM + " WHERE r.building_id = $1 ORDER BY r.id").execute(Tuple.of(buildingId))
                .map(rows -> {
                    List<RoomRow> out = new ArrayList<>();
                    rows.forEach(r -> out.add(room(r)));
                    return out;
                });
    }

    /** Replaces a room's fields if {@code version} is current; false when it is not. */
    public Uni<Boolean> updateRoom(SqlClient tx, long id, Long unitId, String number, Integer floor, Double areaM2,
                                   RoomUse use, int version) {
        return tx.preparedQuery("UPDATE room SET unit_id = $3, number = $4, floor = $5, area_m2 = $6, use = $7, "
                        + "version = version + 1, updated_at = now() WHERE id = $1 AND version = $2")
                .execute(Tuple.from(new Object[]{id, version, unitId, number, floor, areaM2, use.name()}))
                .map(rows -> rows.rowCount() == 1);
    }

    /** Deletes a room (its households and people with it) if {@code version} is current. */
    public Uni<Boolean> deleteRoom(SqlClient tx, long id, int version) {
        return tx.preparedQuery("DELETE FROM room WHERE id = $1 AND version = $2").execute(Tuple.of(id, version))
                .map(rows -> rows.rowCount() == 1);
    }

    /** The household with its room and building if it lies within {@code scope} (null: anywhere). */
    public Uni<Optional<HouseholdRow>> findDetail(SqlClient db, long id, String scope) {
        return db.preparedQuery(DETAIL + " WHERE h.id = $1 AND ($2::text IS NULL OR " + RegionSql.within("b", "$2") + ")")
                .execute(Tuple.of(id, scope))
                .map(rows -> first(rows).map(HouseholdRepository::detail));
    }

    /** A page of a building's households by id, after {@code afterId}; at most {@code limit}. */
    public Uni<List<HouseholdRow>> ofBuilding(SqlClient db, long buildingId, long afterId, int limit) {
        return db.preparedQuery(DETAIL + " WHERE h.building_id = $1 AND h.id > $2 ORDER BY h.id LIMIT $3")
                .execute(Tuple.of(buildingId, afterId, limit))
                .map(rows -> {
                    List<HouseholdRow> out = new ArrayList<>();
                    rows.forEach(r -> out.add(detail(r)));
                    return out;
                });
    }

    /** The household of the room with the label (null label: the room's unlabelled household). */
    public Uni<Optional<Long>> findByLabel(SqlClient db, long roomId, String label) {
        return db.preparedQuery("SELECT id FROM household WHERE room_id = $1 AND coalesce(label, '') = coalesce($2, '')")
                .execute(Tuple.of(roomId, label))
                .map(rows -> first(rows).map(r -> r.getLong("id")));
    }

    /** Changes a household's label if {@code version} is current. */
    public Uni<Boolean> updateHousehold(SqlClient tx, long id, String label, int version) {
        return tx.preparedQuery("UPDATE household SET label = $3, version = version + 1, updated_at = now() "
                        + "WHERE id = $1 AND version = $2").execute(Tuple.of(id, version, label))
                .map(rows -> rows.rowCount() == 1);
    }

    /** Deletes a household (its people with it) if {@code version} is current. */
    public Uni<Boolean> deleteHousehold(SqlClient tx, long id, int version) {
        return tx.preparedQuery("DELETE FROM household WHERE id = $1 AND version = $2").execute(Tuple.of(id, version))
                .map(rows -> rows.rowCount() == 1);
    }

    /** The household the resident {@code userId} claimed, if any. */
    public Uni<Optional<Long>> claimedBy(SqlClient db, long userId) {
        return db.preparedQuery("SELECT household_id FROM household_account WHERE user_id = $1").execute(Tuple.of(userId))
                .map(rows -> first(rows).map(r -> r.getLong("household_id")));
    }

    static RoomRow room(Row r) {
        return new RoomRow(r.getLong("id"), r.getLong("building_id"), r.getLong("unit_id"), r.getString("unit_name"),
                r.getString("number"), r.getInteger("floor"), r.getDouble("area_m2"), r.getString("use"),
                r.getInteger("version"), r.getString("building_path"));
    }

    static HouseholdRow detail(Row r) {
        return new HouseholdRow(r.getLong("id"), r.getString("label"), r.getInteger("version"), r.getLong("room_id"),
                r.getString("number"), r.getString("unit_name"), r.getInteger("floor"), r.getString("use"),
                r.getLong("building_id"), r.getString("building_name"), r.getString("building_path"));
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
