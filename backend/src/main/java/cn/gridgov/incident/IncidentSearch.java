package cn.gridgov.incident;

import cn.gridgov.common.time.ApiTime;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Lists of incidents and nearby duplicates, always within what the viewer may see; native SQL on the pool. */
@ApplicationScoped
public class IncidentSearch {

    /** Duplicates: the same category, this close and this recent. */
    static final double DUPLICATE_METRES = 50;
    static final int DUPLICATE_DAYS = 7;

    private final Pool pool;

    public IncidentSearch(Pool pool) {
        this.pool = pool;
    }

    /**
     * At most this many incidents are gathered by the narrow statement of an open list ({@link #narrowListStatement});
     * a list that matches more is read with {@link #listStatement}.
     */
    static final int NARROW_CAP = 1000;

    /**
     * Up to {@code limit + 1} incidents, newest first, so the caller can tell whether a next page exists;
     * {@code regionPath} is the path of the filter's region (null when there is no such node).
     */
    public Uni<List<Incident>> list(Visibility viewer, IncidentFilter f, String regionPath, Instant now) {
        return list(viewer, f, regionPath, now, NARROW_CAP);
    }

    /**
     * As {@link #list(Visibility, IncidentFilter, String, Instant)}, with a list of open incidents gathered narrowly
     * first when it matches at most {@code cap} (a test sets a small one to see the other path).
     */
    Uni<List<Incident>> list(Visibility viewer, IncidentFilter f, String regionPath, Instant now, int cap) {
        if (!narrowable(f)) {
            return page(listStatement(viewer, f, regionPath, now));
        }
        Where narrow = narrowListStatement(viewer, f, regionPath, now, cap);
        return pool.preparedQuery(narrow.sql()).execute(Tuple.from(narrow.args())).chain(rows -> {
            if (rows.size() > 0 && rows.iterator().next().getLong("narrowed") > cap) {
                return page(listStatement(viewer, f, regionPath, now));
            }
            return Uni.createFrom().item(incidents(rows));
        });
    }

    /** A list of open incidents only: what the partial indexes on open incidents (V7_40, V7_95) hold. */
    static boolean narrowable(IncidentFilter f) {
        return f.statuses() != null && !f.statuses().isEmpty() && IncidentStatus.OPEN.containsAll(f.statuses());
    }

    private Uni<List<Incident>> page(Where statement) {
        return pool.preparedQuery(statement.sql()).execute(Tuple.from(statement.args())).map(IncidentSearch::incidents);
    }

    private static List<Incident> incidents(RowSet<Row> rows) {
        List<Incident> out = new ArrayList<>();
        rows.forEach(r -> out.add(IncidentRepository.toIncident(r)));
        return out;
    }

    /**
     * The whole statement of {@link #list} and its parameters, newest first along the primary key: the plan the
     * planner picks for a broad list (the newest incidents of the county), and for any list that is not of open
     * incidents only (the benchmark and a plan test read it too).
     */
    static Where listStatement(Visibility viewer, IncidentFilter f, String regionPath, Instant now) {
        Where where = withCursor(viewer, f, regionPath, now);
        List<Object> args = new ArrayList<>(where.args());
        args.add(f.limit() + 1);
        return new Where(IncidentRepository.SELECT + " WHERE " + where.sql() + " ORDER BY i.id DESC LIMIT $"
                + args.size(), args);
    }

    /**
     * A list of open incidents ({@link #narrowable}) gathered first, at most {@code cap + 1} of them, over the
     * partial indexes of open incidents (materialized: nothing of the page's order reaches that scan), then sorted,
     * the page's rows read by their ids; column {@code narrowed} says how many were gathered, and more than
     * {@code cap} means the list is broad and {@link #listStatement} reads it. Left to choose, the planner weighs
     * the walk of the primary key backwards against those indexes by its estimate of how many rows match, and a
     * community's list took the walk (42,000 rows filtered for 21, 102 lists a second instead of 1,000) after a
     * morning's reports had made the estimate stale (bench/incidents/RESULTS.md, session 30).
     */
    static Where narrowListStatement(Visibility viewer, IncidentFilter f, String regionPath, Instant now, int cap) {
        Where where = withCursor(viewer, f, regionPath, now);
        List<Object> args = new ArrayList<>(where.args());
        args.add(f.limit() + 1);
        // the cap is a literal: the planner costs the gathering by it, also in the generic plan
        String sql = "WITH m AS MATERIALIZED (SELECT i.id FROM incident i JOIN incident_category c ON c.id = i.category_id"
                + " WHERE " + where.sql() + " LIMIT " + (cap + 1) + ")\n"
                + "SELECT l.*, (SELECT count(*) FROM m) AS narrowed FROM (" + IncidentRepository.SELECT
                + " WHERE i.id IN (SELECT id FROM m ORDER BY id DESC LIMIT $" + args.size() + ")) l ORDER BY l.id DESC";
        return new Where(sql, args);
    }

    /** The filter's predicate ({@link #where}) and the cursor's ({@code i.id < beforeId}). */
    private static Where withCursor(Visibility viewer, IncidentFilter f, String regionPath, Instant now) {
        Where where = where(viewer, f, regionPath, now);
        if (f.beforeId() == null) {
            return where;
        }
        List<Object> args = new ArrayList<>(where.args());
        args.add(f.beforeId());
        return new Where(where.sql() + " AND i.id < $" + args.size(), args);
    }

    /**
     * The predicate of a list's filter on {@code incident i} joined with {@code incident_category c}, within what
     * the viewer may see, and its parameters ({@code $1..$n}, in order); the cursor and the limit are the
     * caller's. THE list filter: the incident list and the exports both read it.
     */
    public record Where(String sql, List<Object> args) {
    }

    /** The list's filter {@code f} as SQL (see {@link Where}); {@code regionPath} as in {@link #list}. */
    public static Where where(Visibility viewer, IncidentFilter f, String regionPath, Instant now) {
        List<Object> args = new ArrayList<>();
        args.add(viewer.userId());
        args.add(viewer.scopePath());
        StringBuilder sql = new StringBuilder(Visibility.listSql(1));
        if (f.statuses() != null && !f.statuses().isEmpty()) {
            // literals from the enum, not a parameter: only then can the planner prove, in the generic plan of the
            // cached statement too, that a list of open statuses lies within the partial indexes on open incidents
            sql.append(" AND i.status IN ").append(IncidentStatus.sql(f.statuses()));
        }
        if (f.categoryCode() != null) {
            args.add(f.categoryCode());
            sql.append(" AND (c.code = $").append(args.size()).append(" OR c.parent_id = (SELECT g.id FROM incident_category g WHERE g.code = $")
                    .append(args.size()).append("))");
        }
        if (f.source() != null) {
            args.add(f.source().name());
            sql.append(" AND i.source = $").append(args.size());
        }
        if (f.regionId() != null && regionPath == null) {
            sql.append(" AND false");
        } else if (f.regionId() != null) {
            args.add(regionPath);
            sql.append(" AND i.region_path <@ text2ltree($").append(args.size()).append(")");
        }
        if (f.assignedToMe()) {
            sql.append(" AND i.assignee_id = $1");
        }
        if (f.overdue() != null) {
            args.add(IncidentRepository.odt(now));
            String overdue = "(i.status IN " + IncidentStatus.sql(IncidentStatus.CLOCK_RUNNING)
                    + " AND i.deadline_at < $" + args.size() + ")";
            sql.append(f.overdue() ? " AND " + overdue : " AND NOT " + overdue);
        }
        if (f.bbox() != null) {
            double[] b = f.bbox();
            args.add(b[0]);
            args.add(b[1]);
            args.add(b[2]);
            args.add(b[3]);
            int n = args.size();
            sql.append(" AND i.position && ST_MakeEnvelope($").append(n - 3).append(", $").append(n - 2)
                    .append(", $").append(n - 1).append(", $").append(n).append(", 4326)");
        }
        if (f.from() != null) {
            args.add(IncidentRepository.odt(f.from()));
            sql.append(" AND i.reported_at >= $").append(args.size());
        }
        if (f.to() != null) {
            args.add(IncidentRepository.odt(f.to()));
            sql.append(" AND i.reported_at < $").append(args.size());
        }
        return new Where(sql.toString(), args);
    }

    /**
     * The duplicate search ($1 viewer, $2 scope, $3 the new incident, $4 days, $5 metres), built once: a report sends
     * it every time, and the pool finds its prepared statement by the text (a string made per call is hashed and
     * compared in full on every lookup). The incidents within reach come first, on the geography index alone
     * (materialized): left to itself the planner also read the (category, reported_at) index, thousands of entries
     * for a dozen near ones (1.3 ms of a 1.5 ms search at 1M incidents, 0.2 ms now; session 28); the other conditions
     * are then checked on those few.
     */
    static final String DUPLICATES = """
            WITH n AS MATERIALIZED (SELECT id, category_id, reported_at, position::geography AS g FROM incident WHERE id = $3),
            i AS MATERIALIZED (
                SELECT i.id, i.category_id, i.status, i.description, i.reported_at, i.reporter_id, i.assignee_id,
                       i.region_path, i.position
                FROM n, incident i WHERE ST_DWithin(i.position::geography, n.g, $5) AND i.id <> n.id)
            SELECT i.id, i.status, i.description, i.reported_at, ST_Distance(i.position::geography, n.g) AS distance
            FROM n, i
            WHERE i.category_id = n.category_id AND i.status IN""" + " " + IncidentStatus.sql(IncidentStatus.OPEN) + """
              AND i.reported_at >= n.reported_at - make_interval(days => $4)
              AND""" + " " + Visibility.sql(1) + " ORDER BY distance, i.id LIMIT 10";

    /** Open incidents of the same category within 50 m reported in the 7 days before it, nearest first. */
    public Uni<List<IncidentView.Duplicate>> duplicatesOf(long incidentId, Visibility viewer) {
        return duplicatesOf(pool, incidentId, viewer);
    }

    /** As {@link #duplicatesOf(long, Visibility)}, on {@code db} (the transaction that has just written it). */
    public Uni<List<IncidentView.Duplicate>> duplicatesOf(SqlClient db, long incidentId, Visibility viewer) {
        return db.preparedQuery(DUPLICATES)
                .execute(Tuple.of(viewer.userId(), viewer.scopePath(), incidentId, DUPLICATE_DAYS, DUPLICATE_METRES))
                .map(rows -> {
                    List<IncidentView.Duplicate> out = new ArrayList<>();
                    for (Row r : rows) {
                        out.add(new IncidentView.Duplicate(r.getLong("id"), IncidentStatus.valueOf(r.getString("status")),
                                r.getString("description"), Math.round(r.getDouble("distance") * 10) / 10.0,
                                ApiTime.of(IncidentRepository.instant(r, "reported_at"))));
                    }
                    return out;
                });
    }
}
