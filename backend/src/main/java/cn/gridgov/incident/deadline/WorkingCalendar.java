package cn.gridgov.incident.deadline;

import cn.gridgov.common.error.DomainException;
import cn.gridgov.common.error.FieldError;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The working calendar loaded from the database and cached: reloaded after a change made here, and every
 * few minutes so that changes made through another replica arrive too. Hands out {@link DeadlineCalculator}s.
 */
@ApplicationScoped
public class WorkingCalendar {

    private static final Logger LOG = Logger.getLogger(WorkingCalendar.class);

    private final Pool pool;
    private final CalendarRepository repository;
    private final WorkingHours hours;
    private final ZoneId zone;
    private final AtomicReference<DeadlineCalculator> current = new AtomicReference<>();
    private final Clock clock;

    public WorkingCalendar(Pool pool, CalendarRepository repository, CalendarConfig config, Clock clock) {
        this.pool = pool;
        this.repository = repository;
        this.clock = clock;
        this.hours = WorkingHours.parse(config.workingHours());
        this.zone = ZoneId.of(config.zone());
    }

    /** The calculator on the current calendar (loaded on first use). */
    public Uni<DeadlineCalculator> calculator() {
        DeadlineCalculator cached = current.get();
        return cached != null ? Uni.createFrom().item(cached) : reload();
    }

    public Uni<DeadlineCalculator> reload() {
        return repository.all().map(days -> {
            Map<LocalDate, DayKind> index = new HashMap<>();
            days.forEach(d -> index.put(d.date(), d.kind()));
            DeadlineCalculator calculator = new DeadlineCalculator(hours, zone, index);
            current.set(calculator);
            int thisYear = clock.instant().atZone(zone).getYear();
            if (index.keySet().stream().noneMatch(d -> d.getYear() == thisYear)) {
                LOG.warnf("the working calendar has no holidays for %d: deadlines skip weekends only until the "
                        + "State Council's schedule is added (PUT /api/v1/calendar/days)", thisYear);
            }
            return calculator;
        });
    }

    @Scheduled(every = "${gridgov.calendar.refresh-every}", delayed = "1m")
    Uni<Void> refresh() {
        return reload().onFailure().invoke(e -> LOG.warnf("working calendar not reloaded: %s", e.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    public Uni<List<CalendarDay>> year(int year) {
        return repository.ofYear(year);
    }

    /** Adds or replaces dates (a year's schedule at once), then reloads. */
    public Uni<Void> put(List<CalendarDay> days) {
        check(days);
        return pool.withTransaction(tx -> repository.upsert(tx, days)).chain(this::reload).replaceWithVoid();
    }

    public Uni<Void> remove(LocalDate date) {
        return repository.delete(date).chain(found -> {
            if (!found) {
                throw DomainException.notFound("calendar_day", "日历日期", date);
            }
            return reload();
        }).replaceWithVoid();
    }

    public WorkingHours hours() {
        return hours;
    }

    public ZoneId zone() {
        return zone;
    }

    private static void check(List<CalendarDay> days) {
        List<FieldError> errors = new ArrayList<>();
        Set<LocalDate> seen = new HashSet<>();
        for (int i = 0; i < days.size(); i++) {
            CalendarDay day = days.get(i);
            String at = "days[" + i + "]";
            if (!seen.add(day.date())) {
                errors.add(new FieldError(at + ".date", "日期重复：" + day.date()));
            }
            DayOfWeek dow = day.date().getDayOfWeek();
            boolean weekend = dow == DayOfWeek.SATURDAY || dow == DayOfWeek.SUNDAY;
            if (day.kind() == DayKind.MAKEUP_WORKDAY && !weekend) {
                errors.add(new FieldError(at + ".kind", "调休上班日只能是周六或周日：" + day.date()));
            }
        }
        if (!errors.isEmpty()) {
            throw DomainException.invalid("日历日期有误", "Some calendar dates are invalid", errors);
        }
    }
}
