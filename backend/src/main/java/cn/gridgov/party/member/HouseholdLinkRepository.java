package cn.gridgov.party.member;

import cn.gridgov.region.RegionSql;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Party member household links (党员联户), native SQL. The household rows are the people domain's: single
 * households are read through its {@code HouseholdRepository}; the set queries here (a member's links, the
 * households of a node nobody looks after) join its household and room tables read-only, so the list is one query.
 */
@ApplicationScoped
public class HouseholdLinkRepository {

    private static final String HOUSEHOLD = "SELECT h.id, h.room_id, r.number AS room_number, h.label, h.building_id, "
            + "b.name AS building_name FROM household h JOIN room r ON r.id = h.room_id"
            + RegionSql.joinNode("b", "h.building_id");

    public Uni<Boolean> insert(SqlClient tx, long memberId, long householdId, long createdBy, Instant now) {
        return tx.preparedQuery("INSERT INTO party_household_link (member_id, household_id, created_by, created_at) "
                        + "VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING")
                .execute(Tuple.of(memberId, householdId, createdBy, now.atOffset(ZoneOffset.UTC)))
                .map(rows -> rows.rowCount() == 1);
    }

    public Uni<Boolean> delete(SqlClient tx, long memberId, long householdId) {
        return tx.preparedQuery("DELETE FROM party_household_link WHERE member_id = $1 AND household_id = $2")
                .execute(Tuple.of(memberId, householdId)).map(rows -> rows.rowCount() == 1);
    }

    /** The households the member is linked to (existing ones only), by id. */
    public Uni<List<LinkedHousehold>> ofMember(SqlClient db, long memberId) {
        return db.preparedQuery(HOUSEHOLD + " JOIN party_household_link l ON l.household_id = h.id "
                        + "WHERE l.member_id = $1 ORDER BY h.id")
                .execute(Tuple.of(memberId)).map(HouseholdLinkRepository::all);
    }

    /** Households within any of {@code nodeIds} no active member is linked to, after {@code afterId}, by id. */
    public Uni<List<LinkedHousehold>> unlinkedWithin(SqlClient db, List<Long> nodeIds, long afterId, int limit) {
        return db.preparedQuery(HOUSEHOLD + " WHERE h.id > $2 AND EXISTS (SELECT 1 FROM unnest($1::bigint[]) AS c(id) "
                        + "WHERE " + RegionSql.under("b", "c.id") + ") AND NOT EXISTS (SELECT 1 FROM party_household_link l "
                        + "JOIN party_member m ON m.id = l.member_id WHERE l.household_id = h.id AND m.status = 'ACTIVE') "
                        + "ORDER BY h.id LIMIT $3")
                .execute(Tuple.of(nodeIds.toArray(Long[]::new), afterId, limit)).map(HouseholdLinkRepository::all);
    }

    /** The buildings (ids and paths) the member's approved dual registrations name. */
    public Uni<List<String>> homeBuildingPaths(SqlClient db, long memberId) {
        return db.preparedQuery("SELECT " + RegionSql.pathText("hb") + " AS path FROM party_registration g"
                        + RegionSql.joinNode("hb", "g.building_id") + " WHERE g.member_id = $1 AND g.status = 'APPROVED'")
                .execute(Tuple.of(memberId))
                .map(rows -> {
                    List<String> out = new ArrayList<>();
                    rows.forEach(r -> out.add(r.getString("path")));
                    return out;
                });
    }

    /** How many existing households the member is linked to; on the member's locked row's transaction. */
    public Uni<Long> count(SqlClient tx, long memberId) {
        return tx.preparedQuery("SELECT count(*) AS n FROM party_household_link l JOIN household h ON h.id = l.household_id "
                        + "WHERE l.member_id = $1").execute(Tuple.of(memberId))
                .map(rows -> rows.iterator().next().getLong("n"));
    }

    /** Locks the member's row: links of one member are added one at a time, so the limit holds under concurrency. */
    public Uni<Void> lockMember(SqlClient tx, long memberId) {
        return tx.preparedQuery("SELECT id FROM party_member WHERE id = $1 FOR UPDATE").execute(Tuple.of(memberId))
                .replaceWithVoid();
    }

    private static List<LinkedHousehold> all(RowSet<Row> rows) {
        List<LinkedHousehold> out = new ArrayList<>();
        for (Row r : rows) {
            out.add(new LinkedHousehold(r.getLong("id"), r.getLong("room_id"), r.getString("room_number"),
                    r.getString("label"), r.getLong("building_id"), r.getString("building_name")));
        }
        return out;
    }
}
