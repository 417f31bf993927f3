package cn.gridgov.volunteer;

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

/** Volunteers, native SQL; staff lists filter by the community's node within their scope, phones come out encrypted. */
@ApplicationScoped
public class VolunteerRepository {

    /** One volunteer record per app user. */
    public static final String USER_ONCE = "volunteer_user_once";
    /** One volunteer per phone number (its search hash). */
    public static final String PHONE_UNIQUE = "volunteer_phone_unique";

    public Uni<Long> insert(SqlClient tx, long userId, long communityId, String name, byte[] phoneEnc, byte[] phoneHash,
                            List<String> skills, List<String> times, Long partyMemberId, Instant now) {
        return tx.preparedQuery("""
                        INSERT INTO volunteer (user_id, community_id, name, phone_enc, phone_hash, skills, available_times,
                            party_member_id, created_at, updated_at)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) RETURNING id""")
                .execute(Tuple.from(Arrays.asList(userId, communityId, name, Buffer.buffer(phoneEnc),
                        Buffer.buffer(phoneHash), skills.toArray(String[]::new), times.toArray(String[]::new),
                        partyMemberId, now.atOffset(ZoneOffset.UTC))))
                .map(rows -> rows.iterator().next().getLong("id"));
    }

    public Uni<Optional<VolunteerRow>> find(SqlClient db, long id) {
        return db.preparedQuery(VolunteerRow.SELECT + " WHERE v.id = $1").execute(Tuple.of(id))
                .map(VolunteerRepository::first);
    }

    /** The volunteer if their community lies within {@code scope}. */
    public Uni<Optional<VolunteerRow>> findWithin(SqlClient db, long id, String scope) {
        return db.preparedQuery(VolunteerRow.SELECT + " WHERE v.id = $1 AND " + RegionSql.within("vc", "$2"))
                .execute(Tuple.of(id, scope)).map(VolunteerRepository::first);
    }

    public Uni<Optional<VolunteerRow>> findByUser(SqlClient db, long userId) {
        return db.preparedQuery(VolunteerRow.SELECT + " WHERE v.user_id = $1").execute(Tuple.of(userId))
                .map(VolunteerRepository::first);
    }

    /**
     * Locks the volunteer row until the transaction ends: THE serialisation of every write to one volunteer's points
     * (credits, spends, corrections), so the balance each ledger row carries is read and continued by one writer.
     */
    public Uni<Void> lock(SqlClient tx, long id) {
        return tx.preparedQuery("SELECT id FROM volunteer WHERE id = $1 FOR UPDATE").execute(Tuple.of(id))
                .replaceWithVoid();
    }

    /** Volunteers of communities within {@code scope} (of {@code communityId} if given, with {@code skill} if given), by id. */
    public Uni<List<VolunteerRow>> list(SqlClient db, String scope, Long communityId, String skill, long afterId,
                                        int limit) {
        return db.preparedQuery(VolunteerRow.SELECT + " WHERE " + RegionSql.within("vc", "$1")
                        + " AND ($2::bigint IS NULL OR v.community_id = $2) AND ($3::text IS NULL OR $3 = ANY (v.skills))"
                        + " AND v.id > $4 ORDER BY v.id LIMIT $5")
                .execute(Tuple.from(Arrays.asList(scope, communityId, skill, afterId, limit)))
                .map(VolunteerRepository::all);
    }

    /** Changes skills and available times if the version still matches; answers whether it did. */
    public Uni<Boolean> update(SqlClient tx, long id, int version, List<String> skills, List<String> times, Instant now) {
        return tx.preparedQuery("""
                        UPDATE volunteer SET skills = $3, available_times = $4, updated_at = $5, version = version + 1
                        WHERE id = $1 AND version = $2""")
                .execute(Tuple.from(Arrays.asList(id, version, skills.toArray(String[]::new),
                        times.toArray(String[]::new), now.atOffset(ZoneOffset.UTC))))
                .map(rows -> rows.rowCount() == 1);
    }

    private static Optional<VolunteerRow> first(RowSet<Row> rows) {
        return rows.size() == 0 ? Optional.empty() : Optional.of(VolunteerRow.from(rows.iterator().next()));
    }

    private static List<VolunteerRow> all(RowSet<Row> rows) {
        List<VolunteerRow> out = new ArrayList<>(rows.size());
        rows.forEach(r -> out.add(VolunteerRow.from(r)));
        return out;
    }
}
