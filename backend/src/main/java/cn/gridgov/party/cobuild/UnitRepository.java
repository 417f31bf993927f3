package cn.gridgov.party.cobuild;

import cn.gridgov.region.RegionSql;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Co-building units and their resources, native SQL (a unit is seen through its agreements with communities, a
 * predicate on the region tree). The contact's phone comes out encrypted and is masked by the service.
 */
@ApplicationScoped
public class UnitRepository {

    /** One unit per 统一社会信用代码. */
    public static final String CREDIT_CODE_UNIQUE = "cobuild_unit_credit_code_unique";

    /** SQL: the unit {@code unitExpr} has an agreement with a community within the scope given as ltree text {@code scopeExpr}. */
    static String seenWithin(String unitExpr, String scopeExpr) {
        return "EXISTS (SELECT 1 FROM cobuild_agreement sa" + RegionSql.joinNode("sc", "sa.community_id")
                + "WHERE sa.unit_id = " + unitExpr + " AND " + RegionSql.within("sc", scopeExpr) + ")";
    }

    public Uni<Long> insert(SqlClient tx, String name, UnitKind kind, String creditCode, String address,
                            String contactName, byte[] phoneEnc, byte[] phoneHash, long createdBy, Instant now) {
        return tx.preparedQuery("""
                        INSERT INTO cobuild_unit (name, kind, credit_code, address, contact_name, contact_phone_enc,
                            contact_phone_hash, created_by, created_at, updated_at)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) RETURNING id""")
                .execute(Tuple.from(Arrays.asList(name, kind.name(), creditCode, address, contactName,
                        Buffer.buffer(phoneEnc), Buffer.buffer(phoneHash), createdBy, odt(now))))
                .map(rows -> rows.iterator().next().getLong("id"));
    }

    /** The unit if it has an agreement with a community within {@code scope} (any unit when null). */
    public Uni<Optional<UnitRow>> find(SqlClient db, long id, String scope) {
        return db.preparedQuery(UnitRow.SELECT + " WHERE u.id = $1 AND ($2::text IS NULL OR " + seenWithin("u.id", "$2") + ")")
                .execute(Tuple.of(id, scope)).map(rows -> rows.size() == 0 ? Optional.empty()
                        : Optional.of(UnitRow.from(rows.iterator().next())));
    }

    /** As {@link #find}, the unit's row locked until the transaction ends. */
    public Uni<Optional<UnitRow>> findForUpdate(SqlClient tx, long id, String scope) {
        return tx.preparedQuery("SELECT id FROM cobuild_unit WHERE id = $1 FOR UPDATE").execute(Tuple.of(id))
                .chain(() -> find(tx, id, scope));
    }

    /**
     * Changes the unit's own data if the version still matches; a new contact phone unlinks the contact's user (the
     * new contact links themselves). Answers whether it did.
     */
    public Uni<Boolean> update(SqlClient tx, long id, int version, String name, UnitKind kind, String creditCode,
                               String address, String contactName, byte[] phoneEnc, byte[] phoneHash, Instant now) {
        return tx.preparedQuery("""
                        UPDATE cobuild_unit SET name = $3, kind = $4, credit_code = $5, address = $6, contact_name = $7,
                               contact_phone_enc = coalesce($8, contact_phone_enc),
                               contact_user_id = CASE WHEN $9::bytea IS NULL OR $9 = contact_phone_hash
                                                      THEN contact_user_id END,
                               contact_phone_hash = coalesce($9, contact_phone_hash),
                               version = version + 1, updated_at = $10
                        WHERE id = $1 AND version = $2""")
                .execute(Tuple.from(Arrays.asList(id, version, name, kind.name(), creditCode, address, contactName,
                        phoneEnc == null ? null : Buffer.buffer(phoneEnc), phoneHash == null ? null : Buffer.buffer(phoneHash),
                        odt(now))))
                .map(rows -> rows.rowCount() == 1);
    }

    /** The units whose contact is this mini-program user, by id. */
    public Uni<List<UnitRow>> ofContact(SqlClient db, long userId) {
        return db.preparedQuery(UnitRow.SELECT + " WHERE u.contact_user_id = $1 ORDER BY u.id").execute(Tuple.of(userId))
                .map(UnitRepository::units);
    }

    /** Links the units whose contact has this phone (and no user yet) to the user; answers how many it linked. */
    public Uni<Integer> linkContact(SqlClient tx, byte[] phoneHash, long userId, Instant now) {
        return tx.preparedQuery("""
                        UPDATE cobuild_unit SET contact_user_id = $2, version = version + 1, updated_at = $3
                        WHERE contact_phone_hash = $1 AND contact_user_id IS NULL""")
                .execute(Tuple.of(Buffer.buffer(phoneHash), userId, odt(now))).map(RowSet::rowCount);
    }

    /** How many units name this phone for their contact. */
    public Uni<Long> countByContactPhone(SqlClient db, byte[] phoneHash) {
        return db.preparedQuery("SELECT count(*) AS n FROM cobuild_unit WHERE contact_phone_hash = $1")
                .execute(Tuple.of(Buffer.buffer(phoneHash))).map(rows -> rows.iterator().next().getLong("n"));
    }

    /**
     * The paths of the communities where this user may handle incidents as a unit's contact: those their units have an
     * agreement with that is in force on {@code today}.
     */
    public Uni<List<String>> contactPlaces(SqlClient db, long userId, LocalDate today) {
        return db.preparedQuery("SELECT DISTINCT " + RegionSql.pathText("ac") + " AS path FROM cobuild_agreement a "
                        + "JOIN cobuild_unit u ON u.id = a.unit_id" + RegionSql.joinNode("ac", "a.community_id")
                        + "WHERE u.contact_user_id = $1 AND a.status = 'ACTIVE' AND a.valid_until >= $2 AND a.signed_on <= $2")
                .execute(Tuple.of(userId, today)).map(rows -> {
                    List<String> out = new ArrayList<>();
                    rows.forEach(r -> out.add(r.getString("path")));
                    return out;
                });
    }

    public Uni<Long> insertResource(SqlClient tx, long unitId, CobuildRequests.CobuildResourceInput in, Instant now) {
        return tx.preparedQuery("""
                        INSERT INTO cobuild_resource (unit_id, kind, name, capacity, availability, active, created_at, updated_at)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id""")
                .execute(Tuple.from(Arrays.asList(unitId, in.kind().name(), in.name().trim(), in.capacity().trim(),
                        in.availability().trim(), in.active() == null || in.active(), odt(now))))
                .map(rows -> rows.iterator().next().getLong("id"));
    }

    public Uni<Boolean> updateResource(SqlClient tx, long id, CobuildRequests.CobuildResourceInput in, Instant now) {
        return tx.preparedQuery("""
                        UPDATE cobuild_resource SET kind = $3, name = $4, capacity = $5, availability = $6,
                               active = coalesce($7, active), version = version + 1, updated_at = $8
                        WHERE id = $1 AND version = $2""")
                .execute(Tuple.from(Arrays.asList(id, in.version(), in.kind().name(), in.name().trim(),
                        in.capacity().trim(), in.availability().trim(), in.active(), odt(now))))
                .map(rows -> rows.rowCount() == 1);
    }

    public Uni<Optional<CobuildViews.CobuildResourceView>> findResource(SqlClient db, long id) {
        return db.preparedQuery(RESOURCE + " WHERE id = $1").execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(resource(rows.iterator().next())));
    }

    public Uni<List<CobuildViews.CobuildResourceView>> resourcesOf(SqlClient db, long unitId) {
        return db.preparedQuery(RESOURCE + " WHERE unit_id = $1 ORDER BY id").execute(Tuple.of(unitId)).map(rows -> {
            List<CobuildViews.CobuildResourceView> out = new ArrayList<>();
            rows.forEach(r -> out.add(resource(r)));
            return out;
        });
    }

    private static final String RESOURCE = "SELECT id, unit_id, kind, name, capacity, availability, active, version "
            + "FROM cobuild_resource";

    private static CobuildViews.CobuildResourceView resource(Row r) {
        return new CobuildViews.CobuildResourceView(r.getLong("id"), r.getLong("unit_id"),
                ResourceKind.valueOf(r.getString("kind")), r.getString("name"), r.getString("capacity"),
                r.getString("availability"), r.getBoolean("active"), r.getInteger("version"));
    }

    private static List<UnitRow> units(RowSet<Row> rows) {
        List<UnitRow> out = new ArrayList<>(rows.size());
        rows.forEach(r -> out.add(UnitRow.from(r)));
        return out;
    }

    static OffsetDateTime odt(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
