package cn.gridgov.incident.deadline;

import cn.gridgov.common.security.Role;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestPath;

import java.time.LocalDate;
import java.util.List;

/** The working calendar: read by everyone, maintained by the county (a new year's holiday schedule). */
@Path("/api/v1/calendar")
public class CalendarResource {

    private final WorkingCalendar calendar;

    public CalendarResource(WorkingCalendar calendar) {
        this.calendar = calendar;
    }

    /** A year's special dates and the working hours deadlines are counted in. */
    public record YearView(int year, String zone, List<String> workingHours, List<CalendarDay> days) {
    }

    /** One date to add or replace. */
    public record DayInput(@NotNull LocalDate date, @NotNull DayKind kind, @NotBlank @Size(max = 32) String name) {
    }

    /** Dates to add or replace at once, e.g. a year's schedule from the State Council's notice. */
    public record DaysInput(@NotEmpty @Size(max = 400) List<@Valid @NotNull DayInput> days) {
    }

    @GET
    @PermitAll
    @Path("/{year}")
    @Operation(summary = "某年的节假日和调休工作日，以及工作时间 (year)")
    public Uni<YearView> year(@RestPath @Min(2000) @Max(2100) int year) {
        return calendar.year(year).map(days -> new YearView(year, calendar.zone().getId(),
                calendar.hours().periods().stream().map(p -> p.start() + "-" + p.end()).toList(), days));
    }

    @PUT
    @RolesAllowed(Role.COUNTY_ADMIN)
    @Path("/days")
    @Operation(summary = "新增或替换日期（COUNTY_ADMIN） (put)")
    public Uni<Response> put(@Valid @NotNull DaysInput input) {
        List<CalendarDay> days = input.days().stream().map(d -> new CalendarDay(d.date(), d.kind(), d.name().trim()))
                .toList();
        return calendar.put(days).replaceWith(Response.noContent().build());
    }

    @DELETE
    @RolesAllowed(Role.COUNTY_ADMIN)
    @Path("/days/{date}")
    @Operation(summary = "删除日期（COUNTY_ADMIN） (remove)")
    public Uni<Response> remove(@RestPath LocalDate date) {
        return calendar.remove(date).replaceWith(Response.noContent().build());
    }
}
