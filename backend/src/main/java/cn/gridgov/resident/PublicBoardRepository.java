package cn.gridgov.resident;

import cn.gridgov.incident.IncidentSource;
import cn.gridgov.incident.IncidentStatus;
import cn.gridgov.moderation.ModerationRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/** The public board's reads: what {@link PublicBoard} shows, and totals; nothing personal is selected. */
@ApplicationScoped
public class PublicBoardRepository {

    /** A row of the board before the text is scrubbed. Positions are WGS-84. */
    public record Shown(long id, String categoryCode, String categoryName, IncidentSource source, IncidentStatus status,
                        String description, boolean anonymous, String nickname, Long townId, String townName,
                        Long communityId, String communityName, Long compoundId, String compoundName, Double lng,
                        Double lat, Instant reportedAt, Instant closedAt, Instant deadlineAt, Integer rating) {
    }

    /** The board's filters; null means any. */
    public record Filter(Long townId, Long communityId, String categoryCode, Set<IncidentStatus> statuses,
                         Instant from, Instant to, Long afterId, int limit) {
    }

    /** Totals of one town (communityId null) or one community. */
    public record Totals(long townId, String townName, Long communityId, String communityName, long received,
                         long closed, long done, long onTime, long rated, long satisfied, long unratedExpired) {
    }

    /** One page of the board, newest first: up to {@code limit + 1} rows (the extra one says there is more). */
    public Uni<List<Shown>> page(SqlClient db, Filter f) {
        String sql = """
                SELECT i.id, c.code AS category_code, c.name AS category_name, i.source, i.status, i.description,
                       i.anonymous, u.nickname, i.town_id, t.name AS town_name, i.community_id, cm.name AS community_name,
                       i.compound_id, cp.name AS compound_name, ST_X(p.pt) AS lng, ST_Y(p.pt) AS lat, i.reported_at,
                       i.closed_at, i.deadline_at, i.rating
                FROM incident i JOIN incident_category c ON c.id = i.category_id
                     JOIN app_user u ON u.id = i.reporter_id
                     LEFT JOIN region t ON t.id = i.town_id
                     LEFT JOIN region cm ON cm.id = i.community_id
                     LEFT JOIN region cp ON cp.id = i.compound_id
                     CROSS JOIN LATERAL (SELECT COALESCE(ST_PointOnSurface(cp.boundary), ST_PointOnSurface(cm.boundary),
                                                         ST_PointOnSurface(t.boundary)) AS pt) p
                WHERE %s AND %s
                  AND ($1::bigint IS NULL OR i.town_id = $1) AND ($2::bigint IS NULL OR i.community_id = $2)
                  AND ($3::text IS NULL OR c.code = $3) AND ($4::text[] IS NULL OR i.status = ANY($4))
                  AND ($5::timestamptz IS NULL OR i.reported_at >= $5) AND ($6::timestamptz IS NULL OR i.reported_at < $6)
                  AND ($7::bigint IS NULL OR i.id < $7)
                ORDER BY i.id DESC LIMIT $8""".formatted(PublicBoard.sql(), ModerationRepository.keptOffPublicSql("i.id"));
        return db.preparedQuery(sql)
                .execute(Tuple.from(Arrays.asList(f.townId(), f.communityId(), f.categoryCode(),
                        f.statuses() == null || f.statuses().isEmpty() ? null
                                : f.statuses().stream().map(Enum::name).toArray(String[]::new),
                        odt(f.from()), odt(f.to()), f.afterId(), f.limit() + 1)))
                .map(rows -> {
                    List<Shown> out = new ArrayList<>();
                    rows.forEach(r -> out.add(toShown(r)));
                    return out;
                });
    }

    /**
     * Totals per town and per community of every incident reported in the period (private ones too: a count names
     * nobody); {@code expiredBefore}: closed before it and unrated means the rating window is over.
     */
    public Uni<List<Totals>> totals(SqlClient db, Long townId, Instant from, Instant to, Instant expiredBefore) {
        String sql = """
                SELECT s.town_id, t.name AS town_name, s.community_id, cm.name AS community_name, s.received, s.closed,
                       s.done, s.on_time, s.rated, s.satisfied, s.unrated_expired
                FROM (SELECT i.town_id, i.community_id, GROUPING(i.community_id) AS whole_town, count(*) AS received,
                             count(*) FILTER (WHERE i.status IN %s) AS closed,
                             count(*) FILTER (WHERE i.status = 'CLOSED') AS done,
                             count(*) FILTER (WHERE i.status = 'CLOSED' AND i.closed_at <= i.deadline_at) AS on_time,
                             count(*) FILTER (WHERE i.rating IS NOT NULL) AS rated,
                             count(*) FILTER (WHERE i.rating >= 4) AS satisfied,
                             count(*) FILTER (WHERE i.status = 'CLOSED' AND i.rating IS NULL
                                              AND i.closed_at < $4) AS unrated_expired
                      FROM incident i
                      WHERE i.town_id IS NOT NULL AND ($1::bigint IS NULL OR i.town_id = $1)
                        AND ($2::timestamptz IS NULL OR i.reported_at >= $2)
                        AND ($3::timestamptz IS NULL OR i.reported_at < $3)
                      GROUP BY GROUPING SETS ((i.town_id), (i.town_id, i.community_id))) s
                     JOIN region t ON t.id = s.town_id
                     LEFT JOIN region cm ON cm.id = s.community_id
                WHERE s.whole_town = 1 OR s.community_id IS NOT NULL
                ORDER BY t.name, t.id, s.whole_town DESC, cm.name, cm.id""".formatted(
                IncidentStatus.sql(IncidentStatus.ENDED));
        return db.preparedQuery(sql)
                .execute(Tuple.from(Arrays.asList(townId, odt(from), odt(to), odt(expiredBefore))))
                .map(rows -> {
                    List<Totals> out = new ArrayList<>();
                    rows.forEach(r -> out.add(new Totals(r.getLong("town_id"), r.getString("town_name"),
                            r.getLong("community_id"), r.getString("community_name"), r.getLong("received"),
                            r.getLong("closed"), r.getLong("done"), r.getLong("on_time"), r.getLong("rated"),
                            r.getLong("satisfied"), r.getLong("unrated_expired"))));
                    return out;
                });
    }

    private static Shown toShown(Row r) {
        Short rating = r.getShort("rating");
        return new Shown(r.getLong("id"), r.getString("category_code"), r.getString("category_name"),
                IncidentSource.valueOf(r.getString("source")), IncidentStatus.valueOf(r.getString("status")),
                r.getString("description"), r.getBoolean("anonymous"), r.getString("nickname"), r.getLong("town_id"),
                r.getString("town_name"), r.getLong("community_id"), r.getString("community_name"),
                r.getLong("compound_id"), r.getString("compound_name"), r.getDouble("lng"), r.getDouble("lat"),
                instant(r, "reported_at"), instant(r, "closed_at"), instant(r, "deadline_at"),
                rating == null ? null : rating.intValue());
    }

    private static Instant instant(Row r, String column) {
        OffsetDateTime t = r.getOffsetDateTime(column);
        return t == null ? null : t.toInstant();
    }

    private static OffsetDateTime odt(Instant t) {
        return t == null ? null : t.atOffset(ZoneOffset.UTC);
    }
}
