package cn.gridgov.party.member;

import cn.gridgov.region.RegionSql;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
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
 * Party members and their rosters, native SQL (the roster is a set query over members, registrations and the region
 * tree). Lists filter by scope in SQL; the phone comes out encrypted and is masked by the service.
 */
@ApplicationScoped
public class PartyMemberRepository {

    /** The unique constraint on the phone's search hash: one member per phone number. */
    public static final String PHONE_UNIQUE = "party_member_phone_unique";
    /** The unique constraint on the linked user. */
    public static final String USER_UNIQUE = "party_member_user_id_key";

    public Uni<Long> insert(SqlClient tx, Long userId, String name, byte[] phoneEnc, byte[] phoneHash, long orgId,
                            String workplace, boolean inService, long createdBy, Instant now) {
        return tx.preparedQuery("""
                        INSERT INTO party_member (user_id, name, phone_enc, phone_hash, org_id, workplace, in_service,
                            created_by, created_at, updated_at)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) RETURNING id""")
                .execute(Tuple.from(Arrays.asList(userId, name, Buffer.buffer(phoneEnc), Buffer.buffer(phoneHash), orgId,
                        workplace, inService, createdBy, now.atOffset(ZoneOffset.UTC))))
                .map(rows -> rows.iterator().next().getLong("id"));
    }

    public Uni<Optional<MemberRow>> find(SqlClient db, long id) {
        return db.preparedQuery(MemberRow.SELECT + " WHERE m.id = $1").execute(Tuple.of(id))
                .map(PartyMemberRepository::first);
    }

    public Uni<Optional<MemberRow>> findByUser(SqlClient db, long userId) {
        return db.preparedQuery(MemberRow.SELECT + " WHERE m.user_id = $1").execute(Tuple.of(userId))
                .map(PartyMemberRepository::first);
    }

    /** The member with this phone (by its search hash), locked until the transaction ends. */
    public Uni<Optional<MemberRow>> findByPhoneForUpdate(SqlClient tx, byte[] phoneHash) {
        return tx.preparedQuery("SELECT id FROM party_member WHERE phone_hash = $1 FOR UPDATE")
                .execute(Tuple.of(Buffer.buffer(phoneHash)))
                .chain(rows -> rows.size() == 0 ? Uni.createFrom().item(Optional.<MemberRow>empty())
                        : find(tx, rows.iterator().next().getLong("id")));
    }

    /** Links a member entered by staff to the app user who proved the same phone through WeChat. */
    public Uni<Void> link(SqlClient tx, long memberId, long userId) {
        return tx.preparedQuery("UPDATE party_member SET user_id = $2, version = version + 1, updated_at = now() "
                + "WHERE id = $1 AND user_id IS NULL").execute(Tuple.of(memberId, userId)).replaceWithVoid();
    }

    /**
     * Whether the member is visible in {@code scope}: their home organisation's node lies within it, or they have a
     * dual registration with a community within it.
     */
    public Uni<Boolean> visible(SqlClient db, long memberId, String scope) {
        return db.preparedQuery("SELECT EXISTS (" + MemberRow.SELECT + " WHERE m.id = $1 AND "
                        + RegionSql.within("onode", "$2") + ") OR EXISTS (SELECT 1 FROM party_registration g"
                        + RegionSql.joinNode("gc", "g.community_id") + " WHERE g.member_id = $1 AND "
                        + RegionSql.within("gc", "$2") + ") AS visible")
                .execute(Tuple.of(memberId, scope)).map(rows -> rows.iterator().next().getBoolean("visible"));
    }

    /**
     * The paths of the places where the active member linked to app user {@code userId} may handle incidents
     * (incident dispatch names them as handler): their home organisation's node and the places of their approved dual
     * registrations. Empty when the user is no active member.
     */
    public Uni<List<String>> handlerPlaces(SqlClient db, long userId) {
        return db.preparedQuery("SELECT home.org_node_path AS path FROM (" + MemberRow.SELECT
                        + " WHERE m.user_id = $1 AND m.status = 'ACTIVE') home UNION SELECT " + RegionSql.pathText("place")
                        + " FROM party_registration g JOIN party_member m ON m.id = g.member_id"
                        + RegionSql.joinNode("place", "coalesce(g.building_id, g.community_id)")
                        + "WHERE m.user_id = $1 AND m.status = 'ACTIVE' AND g.status = 'APPROVED'")
                .execute(Tuple.of(userId)).map(rows -> {
                    List<String> out = new ArrayList<>();
                    rows.forEach(r -> out.add(r.getString("path")));
                    return out;
                });
    }

    /**
     * The roster of an organisation: its own members (组织关系) and the members whose approved dual registration
     * names a place within {@code nodeIds} (the node it leads, or the nodes it covers), each member once, by id.
     */
    public Uni<List<RosterRow>> roster(SqlClient db, long orgId, List<Long> nodeIds, long afterId, int limit) {
        return db.preparedQuery("""
                        SELECT DISTINCT ON (x.id) x.* FROM (
                            SELECT m.id, m.name, m.phone_enc, m.org_id, m.in_service, 'HOME' AS relation,
                                   NULL::bigint AS registration_id, NULL::bigint AS community_id, NULL::bigint AS building_id
                            FROM party_member m WHERE m.org_id = $1 AND m.status = 'ACTIVE'
                            UNION ALL
                            SELECT m.id, m.name, m.phone_enc, m.org_id, m.in_service, 'REGISTERED', g.id, g.community_id,
                                   g.building_id
                            FROM party_registration g JOIN party_member m ON m.id = g.member_id"""
                        + RegionSql.joinNode("place", "coalesce(g.building_id, g.community_id)") + """
                            WHERE g.status = 'APPROVED' AND m.status = 'ACTIVE'
                              AND EXISTS (SELECT 1 FROM unnest($2::bigint[]) AS c(id) WHERE""" + " "
                        + RegionSql.under("place", "c.id") + """
                        )) x
                        WHERE x.id > $3
                        ORDER BY x.id, x.relation
                        LIMIT $4""")
                .execute(Tuple.of(orgId, nodeIds.toArray(Long[]::new), afterId, limit))
                .map(rows -> {
                    List<RosterRow> out = new ArrayList<>();
                    for (Row r : rows) {
                        out.add(new RosterRow(r.getLong("id"), r.getString("name"), r.getBuffer("phone_enc").getBytes(),
                                r.getLong("org_id"), r.getBoolean("in_service"), r.getString("relation"),
                                r.getLong("registration_id"), r.getLong("community_id"), r.getLong("building_id")));
                    }
                    return out;
                });
    }

    /** One line of a roster, phone still encrypted. */
    record RosterRow(long memberId, String name, byte[] phoneEnc, long homeOrgId, boolean inService, String relation,
                     Long registrationId, Long communityId, Long buildingId) {
    }

    private static Optional<MemberRow> first(RowSet<Row> rows) {
        return rows.size() == 0 ? Optional.empty() : Optional.of(MemberRow.from(rows.iterator().next()));
    }
}
