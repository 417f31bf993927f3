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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
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
    @Operation(summary = "某年的节假日和调休工作日，以及工作时间 (year)",
            description = "无需登录。处置时限按工作时间计算：周一至周五的 workingHours 内计时，HOLIDAY 日期不计，"
                    + "MAKEUP_WORKDAY（调休上班）的周末照常计时。年份须在 2000 到 2100 之间，否则 400 VALIDATION_FAILED。")
    @APIResponse(responseCode = "200", description = "该年的特殊日期和工作时间",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = YearView.class),
                    examples = @ExampleObject(name = "year", value = """
                            {"year":2026,"zone":"Asia/Shanghai","workingHours":["08:30-12:00","14:30-18:00"],\
                            "days":[{"date":"2026-01-01","kind":"HOLIDAY","name":"元旦"},\
                            {"date":"2026-01-02","kind":"HOLIDAY","name":"元旦"},\
                            {"date":"2026-01-03","kind":"HOLIDAY","name":"元旦"},\
                            {"date":"2026-01-04","kind":"MAKEUP_WORKDAY","name":"元旦调休上班"}]}""")))
    public Uni<YearView> year(@RestPath @Min(2000) @Max(2100) int year) {
        return calendar.year(year).map(days -> new YearView(year, calendar.zone().getId(),
                calendar.hours().periods().stream().map(p -> p.start() + "-" + p.end()).toList(), days));
    }

    @PUT
    @RolesAllowed(Role.COUNTY_ADMIN)
    @Path("/days")
    @Operation(summary = "新增或替换日期（COUNTY_ADMIN） (put)",
            description = "仅县级管理员；一次最多 400 个日期，已有的日期被替换，例如按国务院办公厅通知录入下一年的放假安排。"
                    + "日期、类型或名称缺失、日期重复或调休上班日不是周六周日时 400 VALIDATION_FAILED，整批都不写入。")
    @APIResponse(responseCode = "204", description = "已保存")
    public Uni<Response> put(
            @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = DaysInput.class),
            examples = @ExampleObject(name = "days", value = """
                    {"days":[{"date":"2027-01-01","kind":"HOLIDAY","name":"元旦"},\
                    {"date":"2027-02-20","kind":"MAKEUP_WORKDAY","name":"春节调休上班"}]}"""))) @Valid @NotNull DaysInput input) {
        List<CalendarDay> days = input.days().stream().map(d -> new CalendarDay(d.date(), d.kind(), d.name().trim()))
                .toList();
        return calendar.put(days).replaceWith(Response.noContent().build());
    }

    @DELETE
    @RolesAllowed(Role.COUNTY_ADMIN)
    @Path("/days/{date}")
    @Operation(summary = "删除日期（COUNTY_ADMIN） (remove)",
            description = "仅县级管理员；删除后该日期按周一至周五的常规计算。日期不在日历中时 404 CALENDAR_DAY_NOT_FOUND。")
    @APIResponse(responseCode = "204", description = "已删除")
    public Uni<Response> remove(@RestPath LocalDate date) {
        return calendar.remove(date).replaceWith(Response.noContent().build());
    }
}
