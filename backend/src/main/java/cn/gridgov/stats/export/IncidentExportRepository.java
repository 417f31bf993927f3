package cn.gridgov.stats.export;

import cn.gridgov.incident.IncidentSearch;
import cn.gridgov.incident.IncidentSource;
import cn.gridgov.incident.IncidentStatus;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import net.postgis.jdbc.PGgeometry;
import net.postgis.jdbc.geometry.Point;
import org.postgresql.PGConnection;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The incident rows of an export, read on the blocking JDBC connection (the datasource Flyway uses) through a
 * server-side cursor, with positions read as PostGIS JDBC geometries; and the export log, on the reactive pool.
 * The filter is the incident list's own ({@link IncidentSearch#where}); the names of regions and reporters are
 * joined here because a stream cannot ask their repositories row by row.
 */
@ApplicationScoped
public class IncidentExportRepository {

    private static final Pattern PARAMETER = Pattern.compile("\\$(\\d+)");

    private static final String FROM = """
            FROM incident i JOIN incident_category c ON c.id = i.category_id
            """;

    private static final String SELECT = """
            SELECT i.id, i.status, c.code AS category_code, c.name AS category_name, i.source, t.name AS town_name,
                   m.name AS community_name, p.name AS compound_name, i.reported_at, i.deadline_at, i.closed_at,
                   i.description, i.position, coalesce(u.display_name, u.nickname) AS reporter_name,
                   u.phone_enc AS reporter_phone_enc, i.rating
            """ + FROM + """
            LEFT JOIN region t ON t.id = i.town_id
            LEFT JOIN region m ON m.id = i.community_id
            LEFT JOIN region p ON p.id = i.compound_id
            LEFT JOIN app_user u ON u.id = i.reporter_id
            """;

    /** An incident row as stored, before masking and conversion. */
    record Stored(long id, IncidentStatus status, String categoryCode, String categoryName, IncidentSource source,
                  String townName, String communityName, String compoundName, Instant reportedAt, Instant deadlineAt,
                  Instant closedAt, String description, double lng, double lat, String reporterName,
                  byte[] reporterPhoneEnc, Integer rating) {
    }

    /** Receives the rows one at a time. */
    @FunctionalInterface
    interface RowHandler {
        void accept(Stored row) throws Exception;
    }

    /** How many rows the filter matches, counting no further than {@code atMost + 1}. */
    long count(Connection db, IncidentSearch.Where where, long atMost) throws SQLException {
        List<Object> args = new ArrayList<>(where.args());
        args.add(atMost + 1);
        String sql = "SELECT count(*) FROM (SELECT 1 " + FROM + " WHERE " + where.sql() + " LIMIT $" + args.size() + ") x";
        try (PreparedStatement st = prepare(db, sql, args); ResultSet rs = st.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * Streams the matching rows, newest first, at most {@code limit}, through a cursor fetching {@code fetchSize}
     * rows at a time (the connection must not be in autocommit, or the driver reads everything at once). Answers
     * the number of rows handed on.
     */
    long stream(Connection db, IncidentSearch.Where where, long limit, int fetchSize, RowHandler handler) throws Exception {
        db.unwrap(PGConnection.class).addDataType("geometry", PGgeometry.class);
        List<Object> args = new ArrayList<>(where.args());
        args.add(limit);
        String sql = SELECT + " WHERE " + where.sql() + " ORDER BY i.id DESC LIMIT $" + args.size();
        long n = 0;
        try (PreparedStatement st = prepare(db, sql, args)) {
            st.setFetchSize(fetchSize);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    handler.accept(stored(rs));
                    n++;
                }
            }
        }
        return n;
    }

    private static Stored stored(ResultSet rs) throws SQLException {
        Point p = (Point) ((PGgeometry) rs.getObject("position")).getGeometry();
        int rating = rs.getInt("rating");
        Integer stars = rs.wasNull() ? null : rating;
        return new Stored(rs.getLong("id"), IncidentStatus.valueOf(rs.getString("status")),
                rs.getString("category_code"), rs.getString("category_name"),
                IncidentSource.valueOf(rs.getString("source")), rs.getString("town_name"),
                rs.getString("community_name"), rs.getString("compound_name"), instant(rs, "reported_at"),
                instant(rs, "deadline_at"), instant(rs, "closed_at"), rs.getString("description"), p.getX(), p.getY(),
                rs.getString("reporter_name"), rs.getBytes("reporter_phone_enc"), stars);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    /**
     * The statement for SQL written with the reactive client's numbered parameters ({@code $1}, used any number of
     * times): each occurrence becomes a JDBC {@code ?} bound to its value.
     */
    static PreparedStatement prepare(Connection db, String numbered, List<Object> args) throws SQLException {
        Matcher m = PARAMETER.matcher(numbered);
        StringBuilder sql = new StringBuilder();
        List<Object> bound = new ArrayList<>();
        while (m.find()) {
            bound.add(args.get(Integer.parseInt(m.group(1)) - 1));
            m.appendReplacement(sql, "?");
        }
        m.appendTail(sql);
        PreparedStatement st = db.prepareStatement(sql.toString());
        try {
            for (int i = 0; i < bound.size(); i++) {
                bind(db, st, i + 1, bound.get(i));
            }
        } catch (SQLException | RuntimeException e) {
            st.close();
            throw e;
        }
        return st;
    }

    private static void bind(Connection db, PreparedStatement st, int index, Object value) throws SQLException {
        if (value == null) {
            st.setNull(index, Types.VARCHAR);
        } else if (value instanceof String[] texts) {
            Array array = db.createArrayOf("text", texts);
            st.setArray(index, array);
        } else {
            st.setObject(index, value);
        }
    }

    /** Logs an export as it starts; answers its id. */
    public Uni<Long> logStart(SqlClient tx, long actorUserId, ExportFormat format, Map<String, Object> filter,
                              boolean revealed, long rowsCounted, Instant at) {
        return tx.preparedQuery("""
                        INSERT INTO incident_export (actor_user_id, format, filter, revealed, rows_counted, started_at)
                        VALUES ($1, $2, $3, $4, $5, $6) RETURNING id""")
                .execute(Tuple.of(actorUserId, format.name(), new JsonObject(filter), revealed, rowsCounted,
                        at.atOffset(ZoneOffset.UTC)))
                .map(rows -> rows.iterator().next().getLong("id"));
    }

    /** Records how many rows an export wrote once it ended. */
    public Uni<Void> logFinish(SqlClient db, long exportId, long rowsWritten, Instant at) {
        return db.preparedQuery("UPDATE incident_export SET rows_written = $2, finished_at = $3 WHERE id = $1")
                .execute(Tuple.of(exportId, rowsWritten, at.atOffset(ZoneOffset.UTC)))
                .replaceWithVoid();
    }
}
