package cn.gridgov.party.org;

import cn.gridgov.party.PartyOrgKind;
import cn.gridgov.region.RegionLevel;
import cn.gridgov.region.RegionSql;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The Party tree's tables (party_org, its coverage and history), native SQL: the region import writes the same
 * rows in bulk. Reads take the caller's scope (ltree text, {@code null} for unrestricted) and filter by the node
 * each organisation is bound to, so organisations outside the scope look absent.
 */
@ApplicationScoped
public class PartyOrgRepository {

    /** The unique constraint on party_org.region_id: one organisation leads a node. */
    public static final String ONE_PER_NODE = "party_org_region_id_key";

    /** SQL: the node an organisation joined as {@code o} is bound to (the one it leads, else its anchor). */
    static final String NODE_ID = "coalesce(o.region_id, o.anchor_region_id)";

    /** SQL: the organisation above the one joined as {@code o} (on node {@code n}): explicit, else the node above's. */
    static final String PARENT_ID = "coalesce(o.parent_id, (SELECT p.id FROM party_org p WHERE p.region_id = n.parent_id))";

    private static final String SELECT = "SELECT o.id, o.kind, o.name, o.region_id, o.secretary_name, o.contact, "
            + "o.status, o.merged_into_id, o.version, n.id AS node_id, n.level AS node_level, n.parent_id AS node_parent_id, "
            + RegionSql.pathText("n") + " AS node_path, " + PARENT_ID + " AS parent_id, "
            + "(SELECT coalesce(array_agg(c.region_id ORDER BY c.region_id), '{}') FROM party_org_coverage c "
            + "WHERE c.org_id = o.id) AS covered, "
            + "(SELECT count(*) FROM party_member m WHERE m.org_id = o.id AND m.status = 'ACTIVE') AS member_count "
            + "FROM party_org o" + RegionSql.joinNode("n", NODE_ID);

    private static final String IN_SCOPE = " ($%d::text IS NULL OR " + RegionSql.within("n", "$%<d") + ") ";

    public Uni<Optional<OrgRow>> find(SqlClient db, long id, String scope) {
        return db.preparedQuery(SELECT + " WHERE o.id = $1 AND" + IN_SCOPE.formatted(2))
                .execute(Tuple.of(id, scope)).map(PartyOrgRepository::first);
    }

    /**
     * Locks the organisations {@code ids} for the transaction in order of id: two changes that hold two organisations
     * each (a merge of A into B and one of B into A) then wait for each other instead of deadlocking.
     */
    public Uni<Void> lockInOrder(SqlClient tx, List<Long> ids) {
        return tx.preparedQuery("SELECT id FROM party_org WHERE id = ANY($1) ORDER BY id FOR UPDATE")
                .execute(Tuple.of(ids.toArray(Long[]::new))).replaceWithVoid();
    }

    /** The organisation, its row locked until the transaction ends (edits of one organisation run one at a time). */
    public Uni<Optional<OrgRow>> findForUpdate(SqlClient tx, long id, String scope) {
        return lockInOrder(tx, List.of(id)).chain(() -> find(tx, id, scope));
    }

    /** The active organisation leading the node, if any (no scope: a rule's lookup, not a read for a caller). */
    public Uni<Optional<OrgRow>> leaderOf(SqlClient db, long regionId) {
        return db.preparedQuery(SELECT + " WHERE o.region_id = $1").execute(Tuple.of(regionId))
                .map(PartyOrgRepository::first);
    }

    /** Active organisations bound within {@code regionId}'s subtree (all when null), of {@code kind} if given. */
    public Uni<List<OrgRow>> list(SqlClient db, Long regionId, PartyOrgKind kind, long afterId, int limit,
                                  String scope) {
        return db.preparedQuery(SELECT + " WHERE o.status = 'ACTIVE' AND o.id > $1 AND" + IN_SCOPE.formatted(2)
                        + " AND ($3::bigint IS NULL OR " + RegionSql.under("n", "$3") + ")"
                        + " AND ($4::text IS NULL OR o.kind = $4) ORDER BY o.id LIMIT $5")
                .execute(Tuple.from(Arrays.asList(afterId, scope, regionId, kind == null ? null : kind.name(), limit)))
                .map(PartyOrgRepository::all);
    }

    /** The active organisations directly under {@code id}. */
    public Uni<List<OrgRow>> children(SqlClient db, long id, String scope) {
        return db.preparedQuery(SELECT + " WHERE o.status = 'ACTIVE' AND " + PARENT_ID + " = $1 AND"
                        + IN_SCOPE.formatted(2) + " ORDER BY o.id")
                .execute(Tuple.of(id, scope)).map(PartyOrgRepository::all);
    }

    public Uni<Long> insert(SqlClient tx, PartyOrgKind kind, String name, Long regionId, Long anchorRegionId,
                            Long parentId, String secretary, String contact) {
        return tx.preparedQuery("""
                        INSERT INTO party_org (kind, name, region_id, anchor_region_id, parent_id, secretary_name, contact)
                        VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id""")
                .execute(Tuple.from(Arrays.asList(kind.name(), name, regionId, anchorRegionId, parentId, secretary,
                        contact)))
                .map(rows -> rows.iterator().next().getLong("id"));
    }

    public Uni<Void> cover(SqlClient tx, long orgId, List<Long> regionIds) {
        if (regionIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return tx.preparedQuery("INSERT INTO party_org_coverage (org_id, region_id) VALUES ($1, $2) ON CONFLICT DO NOTHING")
                .executeBatch(regionIds.stream().map(r -> Tuple.of(orgId, r)).toList()).replaceWithVoid();
    }

    /** Name, secretary and contact, if the version still matches; answers whether it did. */
    public Uni<Boolean> update(SqlClient tx, long id, int version, String name, String secretary, String contact) {
        return tx.preparedQuery("""
                        UPDATE party_org SET name = $3, secretary_name = $4, contact = $5, version = version + 1,
                               updated_at = now()
                        WHERE id = $1 AND version = $2""")
                .execute(Tuple.from(Arrays.asList(id, version, name, secretary, contact)))
                .map(rows -> rows.rowCount() == 1);
    }

    /**
     * Ends an organisation (DISSOLVED or MERGED into {@code mergedInto}), if the version still matches: it stops
     * leading its node (another may be set up there) and stays bound to it for scope and history.
     */
    public Uni<Boolean> end(SqlClient tx, long id, int version, String status, Long mergedInto) {
        return tx.preparedQuery("""
                        UPDATE party_org SET status = $3, merged_into_id = $4,
                               anchor_region_id = coalesce(region_id, anchor_region_id), region_id = NULL,
                               version = version + 1, updated_at = now()
                        WHERE id = $1 AND version = $2 AND status = 'ACTIVE'""")
                .execute(Tuple.from(Arrays.asList(id, version, status, mergedInto)))
                .map(rows -> rows.rowCount() == 1);
    }

    /** Bumps the version of an organisation a change touched without editing it (the target of a merge). */
    public Uni<Void> touch(SqlClient tx, long id) {
        return tx.preparedQuery("UPDATE party_org SET version = version + 1, updated_at = now() WHERE id = $1")
                .execute(Tuple.of(id)).replaceWithVoid();
    }

    /** The active organisations directly under {@code from} now sit under {@code to}. */
    public Uni<Void> moveChildren(SqlClient tx, long from, long to) {
        return tx.preparedQuery("UPDATE party_org SET parent_id = $2, version = version + 1, updated_at = now() "
                        + "WHERE id IN (SELECT o.id FROM party_org o" + RegionSql.joinNode("n", NODE_ID)
                        + " WHERE o.status = 'ACTIVE' AND o.id <> $2 AND " + PARENT_ID + " = $1)")
                .execute(Tuple.of(from, to)).replaceWithVoid();
    }

    /** The members whose organisation relation was in {@code from} now have it in {@code to} (a merge). */
    public Uni<Void> moveMembers(SqlClient tx, long from, long to) {
        return tx.preparedQuery("UPDATE party_member SET org_id = $2, version = version + 1, updated_at = now() "
                        + "WHERE org_id = $1").execute(Tuple.of(from, to)).replaceWithVoid();
    }

    public Uni<Long> activeChildCount(SqlClient db, long id) {
        return db.preparedQuery("SELECT count(*) AS n FROM party_org o" + RegionSql.joinNode("n", NODE_ID)
                        + " WHERE o.status = 'ACTIVE' AND " + PARENT_ID + " = $1")
                .execute(Tuple.of(id)).map(rows -> rows.iterator().next().getLong("n"));
    }

    /** The level, parent and path of each given node, in the order asked; missing nodes are left out. */
    public Uni<List<Node>> nodes(SqlClient db, List<Long> regionIds) {
        return db.preparedQuery("SELECT n.id, n.name, n.level, n.parent_id, " + RegionSql.pathText("n") + " AS path "
                        + "FROM unnest($1::bigint[]) WITH ORDINALITY AS q(id, ord)" + RegionSql.joinNode("n", "q.id")
                        + " ORDER BY q.ord")
                .execute(Tuple.of(regionIds.toArray(Long[]::new)))
                .map(rows -> {
                    List<Node> out = new ArrayList<>();
                    rows.forEach(r -> out.add(new Node(r.getLong("id"), r.getString("name"), RegionLevel.valueOf(r.getString("level")),
                            r.getLong("parent_id"), r.getString("path"))));
                    return out;
                });
    }

    /** A region node as the structure rules need it. */
    public record Node(long id, String name, RegionLevel level, Long parentId, String path) {
    }

    public Uni<Void> history(SqlClient tx, long orgId, String action, long actorUserId, JsonObject before,
                             JsonObject after, Instant at) {
        return tx.preparedQuery("INSERT INTO party_org_history (org_id, action, actor_user_id, before, after, at) "
                        + "VALUES ($1, $2, $3, $4, $5, $6)")
                .execute(Tuple.from(Arrays.asList(orgId, action, actorUserId, before, after, at.atOffset(ZoneOffset.UTC))))
                .replaceWithVoid();
    }

    public Uni<List<PartyOrgChange>> historyOf(SqlClient db, long orgId, long afterId, int limit) {
        return db.preparedQuery("SELECT id, action, actor_user_id, before, after, at FROM party_org_history "
                        + "WHERE org_id = $1 AND id > $2 ORDER BY id LIMIT $3")
                .execute(Tuple.of(orgId, afterId, limit))
                .map(rows -> {
                    List<PartyOrgChange> out = new ArrayList<>();
                    for (Row r : rows) {
                        out.add(new PartyOrgChange(r.getLong("id"), r.getString("action"), r.getLong("actor_user_id"),
                                json(r, "before"), json(r, "after"), r.getOffsetDateTime("at")));
                    }
                    return out;
                });
    }

    private static Object json(Row r, String column) {
        Object value = r.getValue(column);
        return value instanceof JsonObject o ? o.getMap() : value;
    }

    private static Optional<OrgRow> first(RowSet<Row> rows) {
        return rows.size() == 0 ? Optional.empty() : Optional.of(toRow(rows.iterator().next()));
    }

    private static List<OrgRow> all(RowSet<Row> rows) {
        List<OrgRow> out = new ArrayList<>(rows.size());
        rows.forEach(r -> out.add(toRow(r)));
        return out;
    }

    private static OrgRow toRow(Row r) {
        Long[] covered = r.getArrayOfLongs("covered");
        PartyOrgView view = new PartyOrgView(r.getLong("id"), PartyOrgKind.valueOf(r.getString("kind")),
                r.getString("name"), r.getLong("region_id"), r.getLong("node_id"), r.getLong("parent_id"),
                r.getString("secretary_name"), r.getString("contact"), r.getLong("member_count"),
                r.getString("status"), r.getLong("merged_into_id"), covered == null ? List.of() : List.of(covered),
                r.getInteger("version"));
        return new OrgRow(view, r.getString("node_path"), RegionLevel.valueOf(r.getString("node_level")),
                r.getLong("node_parent_id"));
    }
}
