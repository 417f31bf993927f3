package cn.gridgov.incident.deadline;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** The working calendar's rows; set-based SQL on the reactive pool (a handful of rows a year). */
@ApplicationScoped
public class CalendarRepository {

    private final Pool pool;

    public CalendarRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<List<CalendarDay>> all() {
        return pool.query("SELECT day, kind, name FROM working_calendar_day ORDER BY day").execute()
                .map(rows -> {
                    List<CalendarDay> days = new ArrayList<>();
                    rows.forEach(row -> days.add(toDay(row)));
                    return days;
                });
    }

    public Uni<List<CalendarDay>> ofYear(int year) {
        return pool.preparedQuery("SELECT day, kind, name FROM working_calendar_day "
                        + "WHERE day >= $1 AND day < $2 ORDER BY day")
                .execute(Tuple.of(LocalDate.of(year, 1, 1), LocalDate.of(year + 1, 1, 1)))
                .map(rows -> {
                    List<CalendarDay> days = new ArrayList<>();
                    rows.forEach(row -> days.add(toDay(row)));
                    return days;
                });
    }

    /** Adds or replaces the given dates, in the caller's transaction. */
    public Uni<Void> upsert(SqlClient tx, List<CalendarDay> days) {
        List<Tuple> batch = days.stream().map(d -> Tuple.of(d.date(), d.kind().name(), d.name())).toList();
        return tx.preparedQuery("INSERT INTO working_calendar_day (day, kind, name) VALUES ($1, $2, $3) "
                        + "ON CONFLICT (day) DO UPDATE SET kind = EXCLUDED.kind, name = EXCLUDED.name")
                .executeBatch(batch).replaceWithVoid();
    }

    /** Removes a date; answers whether it was there. */
    public Uni<Boolean> delete(LocalDate date) {
        return pool.preparedQuery("DELETE FROM working_calendar_day WHERE day = $1").execute(Tuple.of(date))
                .map(rows -> rows.rowCount() > 0);
    }

    private static CalendarDay toDay(Row row) {
        return new CalendarDay(row.getLocalDate("day"), DayKind.valueOf(row.getString("kind")), row.getString("name"));
    }
}
