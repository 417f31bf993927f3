package cn.gridgov.stats;

import cn.gridgov.common.security.Caller;
import cn.gridgov.common.security.Role;
import cn.gridgov.common.web.QueryParams;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.time.Clock;

/** The leaders' dashboard: a node's figures, its children's, and the daily series, for staff over their subtree. */
@Path("/api/v1/stats")
public class StatsResource {

    static final String EXAMPLE = """
            {"regionId":12,"code":"330110001001","name":"翠苑社区","level":"COMMUNITY","from":"2026-03-01","to":"2026-03-03",\
            "figures":{"received":5,"byStatus":{"REPORTED":1,"ACCEPTED":0,"DISPATCHED":1,"IN_PROGRESS":0,"RESOLVED":0,\
            "CLOSED":2,"REJECTED":1,"SUSPENDED":0},"bySource":{"GRID_REPORT":2,"PATROL":0,"RESIDENT":3,"HOTLINE":0,\
            "ASSIGNED":0,"OPEN311":0},"byCategory":[{"categoryId":3,"code":"0101","name":"道路破损","count":3},\
            {"categoryId":7,"code":"0401","name":"垃圾堆放","count":2}],"closed":2,"closedOnTime":1,"onTimeRate":0.5,\
            "meanHandlingHours":30.5,"medianHandlingHours":30.5,"rated":2,"meanRating":4.5,"satisfiedShare":1.0,\
            "open":3,"yellow":1,"red":1,"supervised":1},\
            "children":[{"regionId":31,"code":"330110001001001","name":"翠苑一区","level":"COMPOUND","figures":{"received":5,\
            "byStatus":{"REPORTED":1,"ACCEPTED":0,"DISPATCHED":1,"IN_PROGRESS":0,"RESOLVED":0,"CLOSED":2,"REJECTED":1,\
            "SUSPENDED":0},"bySource":{"GRID_REPORT":2,"PATROL":0,"RESIDENT":3,"HOTLINE":0,"ASSIGNED":0,"OPEN311":0},\
            "byCategory":[{"categoryId":3,"code":"0101","name":"道路破损","count":3},\
            {"categoryId":7,"code":"0401","name":"垃圾堆放","count":2}],"closed":2,"closedOnTime":1,"onTimeRate":0.5,\
            "meanHandlingHours":30.5,"medianHandlingHours":30.5,"rated":2,"meanRating":4.5,"satisfiedShare":1.0,\
            "open":3,"yellow":1,"red":1,"supervised":1}}],\
            "days":[{"day":"2026-03-01","received":3,"closed":0},{"day":"2026-03-02","received":2,"closed":1},\
            {"day":"2026-03-03","received":0,"closed":1}],\
            "departments":[{"departmentId":5,"code":"CGJ","name":"县城管局","kind":"DEPARTMENT","figures":{"total":2,\
            "responded":2,"respondedOnTime":1,"responseRate":0.5,"respondedShare":1.0,"resolvable":2,"resolved":1,\
            "resolvedOnTime":1,"resolutionRate":0.5,"resolutionOnTimeShare":1.0,"rated":1,"satisfied":1,\
            "satisfactionRate":1.0}}]}""";

    static final String RATES_EXAMPLE = """
            {"regionId":2,"code":"330110001","name":"城关镇","level":"TOWN","from":"2026-03-01","to":"2026-03-31",\
            "figures":{"total":4,"responded":3,"respondedOnTime":2,"responseRate":0.5,"respondedShare":0.75,\
            "resolvable":4,"resolved":2,"resolvedOnTime":1,"resolutionRate":0.5,"resolutionOnTimeShare":0.5,\
            "rated":2,"satisfied":1,"satisfactionRate":0.5},\
            "children":[{"regionId":12,"code":"330110001001","name":"翠苑社区","level":"COMMUNITY","figures":{"total":4,\
            "responded":3,"respondedOnTime":2,"responseRate":0.5,"respondedShare":0.75,"resolvable":4,"resolved":2,\
            "resolvedOnTime":1,"resolutionRate":0.5,"resolutionOnTimeShare":0.5,"rated":2,"satisfied":1,\
            "satisfactionRate":0.5}},{"regionId":13,"code":"330110001002","name":"文新社区","level":"COMMUNITY",\
            "figures":{"total":0,"responded":0,"respondedOnTime":0,"responseRate":null,"respondedShare":null,\
            "resolvable":0,"resolved":0,"resolvedOnTime":0,"resolutionRate":null,"resolutionOnTimeShare":null,\
            "rated":0,"satisfied":0,"satisfactionRate":null}}]}""";

    static final String DEPARTMENT_RATES_EXAMPLE = """
            {"from":"2026-03-01","to":"2026-03-31","departments":[{"departmentId":5,"code":"CGJ","name":"县城管局",\
            "kind":"DEPARTMENT","figures":{"total":2,"responded":2,"respondedOnTime":1,"responseRate":0.5,\
            "respondedShare":1.0,"resolvable":2,"resolved":1,"resolvedOnTime":1,"resolutionRate":0.5,\
            "resolutionOnTimeShare":1.0,"rated":1,"satisfied":1,"satisfactionRate":1.0}}]}""";

    private static final String BAD_PERIOD = """
            {"type":"https://gridgov.cn/problems/bad-stats-date","title":"BAD_STATS_DATE","status":400,"code":"BAD_STATS_DATE",\
            "detail":"from 应为日期，格式 YYYY-MM-DD（如 2026-03-01）：2026-13-01"}""";

    private final StatsService stats;
    private final StatsRateService rates;
    private final Caller caller;
    private final Clock clock;

    public StatsResource(StatsService stats, StatsRateService rates, Caller caller, Clock clock) {
        this.stats = stats;
        this.rates = rates;
        this.caller = caller;
        this.clock = clock;
    }

    @GET
    @Path("overview")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.STAFF)
    @Operation(summary = "统计概览：节点及其下级的办件数据与每日曲线 (statsOverview)",
            description = "工作人员查看辖区内一个节点（regionId，默认为账号绑定的节点）在 from 到 to（含两端，上海时区的日期，"
                    + "默认最近 30 天，最长 366 天）内的数据：按状态、来源、类别的件数，按时办结率，办结平均与中位时长（小时），"
                    + "满意度（平均星级与 4–5 星占比），以及当前未办结、黄牌、红牌、被督办件数；children 给出每个直接下级节点的同样数据，"
                    + "days 给出每天收到与办结的件数；departments 给出期间内被吹哨到本辖区事件的部门的三率（见 statsDepartmentRates）。事件按所在位置（region_path）归属节点；位于节点本身（不在任何下级里）的事件只计入合计。"
                    + "除 open、yellow、red、supervised（当前积压，不限上报日期）外，各项都只统计期间内收到的事件；days 的 closed 按办结日期计。"
                    + "错误：日期格式不对 400 BAD_STATS_DATE；from 晚于 to 400 BAD_STATS_PERIOD；跨度超过 366 天 400 STATS_PERIOD_TOO_LONG；"
                    + "regionId 不是整数 400 BAD_REGIONID；节点不存在或在辖区外 404 REGION_NOT_FOUND；居民 403。")
    @APIResponse(responseCode = "200", description = "统计概览",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = StatsOverview.class),
                    examples = @ExampleObject(name = "community", value = EXAMPLE)))
    @APIResponse(responseCode = "400", description = "日期或 regionId 不对",
            content = @Content(mediaType = "application/problem+json", examples = @ExampleObject(name = "badPeriod", value = """
                    {"type":"https://gridgov.cn/problems/bad-stats-period","title":"BAD_STATS_PERIOD","status":400,"code":"BAD_STATS_PERIOD",\
                    "detail":"开始日期 from（2026-03-05）不能晚于结束日期 to（2026-03-01）"}""")))
    @APIResponse(responseCode = "403", description = "居民不能查看统计")
    @APIResponse(responseCode = "404", description = "节点不存在或不在辖区内",
            content = @Content(mediaType = "application/problem+json", examples = @ExampleObject(name = "outsideScope", value = """
                    {"type":"https://gridgov.cn/problems/region-not-found","title":"REGION_NOT_FOUND","status":404,"code":"REGION_NOT_FOUND",\
                    "detail":"区域不存在或无权访问：13"}""")))
    public Uni<StatsOverview> overview(
            @Parameter(description = "节点 id，默认为账号绑定的节点", example = "12") @QueryParam("regionId") String regionId,
            @Parameter(description = "开始日期 YYYY-MM-DD（含），默认 to 往前 29 天", example = "2026-03-01") @QueryParam("from") String from,
            @Parameter(description = "结束日期 YYYY-MM-DD（含），默认今天（上海时区）", example = "2026-03-31") @QueryParam("to") String to) {
        Long id = QueryParams.optionalId("regionId", regionId);
        StatsPeriod period = StatsPeriod.parse(from, to, clock);
        return stats.overview(caller.actor(null), id, period);
    }

    @GET
    @Path("rates")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.STAFF)
    @Operation(summary = "三率：节点及其下级的响应率、解决率、满意率 (statsRates)",
            description = "工作人员查看辖区内一个节点（regionId，默认为账号绑定的节点）及其每个直接下级（县下为乡镇、乡镇下为社区）"
                    + "在 from 到 to（含两端，上海时区，默认最近 30 天，最长 366 天）内收到的事件的三率。"
                    + "响应：事件第一次进入待受理之后的状态（受理、派发、处理中、已处置、办结或驳回，挂起不算）；"
                    + "按时响应：响应早于督办的黄牌（第一道时限预警）且不晚于办理时限；响应率 = 按时响应数 / 收到数，"
                    + "respondedShare = 已响应数 / 收到数。解决：已办结（CLOSED）；解决率 = 办结数 / 收到数，"
                    + "按时解决占比 = 不晚于办理时限办结的 / 办结数。满意率 = 4–5 星 / 已评价数。分母为 0 时比率为 null。"
                    + "事件按所在位置（region_path）归属节点；位于节点本身的事件只计入合计。部门人员请用 statsDepartmentRates。"
                    + "错误：日期格式不对 400 BAD_STATS_DATE；from 晚于 to 400 BAD_STATS_PERIOD；跨度超过 366 天 400 STATS_PERIOD_TOO_LONG；"
                    + "regionId 不是整数 400 BAD_REGIONID；节点不存在或在辖区外 404 REGION_NOT_FOUND；居民 403。")
    @APIResponse(responseCode = "200", description = "节点及下级的三率",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = StatsRateRegions.class),
                    examples = @ExampleObject(name = "town", value = RATES_EXAMPLE)))
    @APIResponse(responseCode = "400", description = "日期或 regionId 不对",
            content = @Content(mediaType = "application/problem+json", examples = @ExampleObject(name = "badDate", value = BAD_PERIOD)))
    @APIResponse(responseCode = "403", description = "居民不能查看统计")
    @APIResponse(responseCode = "404", description = "节点不存在或不在辖区内",
            content = @Content(mediaType = "application/problem+json", examples = @ExampleObject(name = "outsideScope", value = """
                    {"type":"https://gridgov.cn/problems/region-not-found","title":"REGION_NOT_FOUND","status":404,"code":"REGION_NOT_FOUND",\
                    "detail":"区域不存在或无权访问：13"}""")))
    public Uni<StatsRateRegions> rates(
            @Parameter(description = "节点 id，默认为账号绑定的节点", example = "2") @QueryParam("regionId") String regionId,
            @Parameter(description = "开始日期 YYYY-MM-DD（含），默认 to 往前 29 天", example = "2026-03-01") @QueryParam("from") String from,
            @Parameter(description = "结束日期 YYYY-MM-DD（含），默认今天（上海时区）", example = "2026-03-31") @QueryParam("to") String to) {
        Long id = QueryParams.optionalId("regionId", regionId);
        StatsPeriod period = StatsPeriod.parse(from, to, clock);
        return rates.regions(caller.actor(null), id, period);
    }

    @GET
    @Path("department-rates")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.COUNTY_ADMIN, Role.DEPT_ADMIN})
    @Operation(summary = "部门三率：吹哨报到的响应率、解决率、满意率 (statsDepartmentRates)",
            description = "县级管理员（COUNTY_ADMIN）查看各部门（不传 departmentId 时列出全部在用部门及期间内有派单的部门），部门管理员只能查看本部门"
                    + "（departmentId 可省略）。统计 from 到 to（含两端，上海时区，默认最近 30 天，最长 366 天）内被吹哨（派单）的次数 total；"
                    + "响应：已报到，按时响应 = 在报到时限 respondBy 前报到，响应率 = 按时报到数 / total；"
                    + "解决：作为牵头部门且未被改派的派单为分母（resolvable），已办结（RESOLVED 或核验通过 VERIFIED）为分子，"
                    + "按时 = 不晚于办理时限 handleBy；满意率 = 其派单事件中 4–5 星 / 已评价（改派走的不算）。"
                    + "拒绝后被县里改派的派单计入 total 但不算响应。"
                    + "错误：日期不对 400 BAD_STATS_DATE / BAD_STATS_PERIOD / STATS_PERIOD_TOO_LONG；departmentId 不是整数 400 BAD_DEPARTMENTID；"
                    + "其他角色（乡镇、社区人员、部门经办人、居民）403；部门不存在或不是本部门 404 DEPARTMENT_NOT_FOUND。")
    @APIResponse(responseCode = "200", description = "部门三率",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = StatsRateDepartments.class),
                    examples = @ExampleObject(name = "departments", value = DEPARTMENT_RATES_EXAMPLE)))
    @APIResponse(responseCode = "400", description = "日期或 departmentId 不对",
            content = @Content(mediaType = "application/problem+json", examples = @ExampleObject(name = "badDate", value = BAD_PERIOD)))
    @APIResponse(responseCode = "403", description = "只有县级管理员和部门管理员可以查看")
    @APIResponse(responseCode = "404", description = "部门不存在或不是本部门",
            content = @Content(mediaType = "application/problem+json", examples = @ExampleObject(name = "otherDepartment", value = """
                    {"type":"https://gridgov.cn/problems/department-not-found","title":"DEPARTMENT_NOT_FOUND","status":404,\
                    "code":"DEPARTMENT_NOT_FOUND","detail":"部门不存在或无权访问：7"}""")))
    public Uni<StatsRateDepartments> departmentRates(
            @Parameter(description = "部门 id，可省略（部门管理员默认为本部门，县级人员默认为全部）", example = "5")
            @QueryParam("departmentId") String departmentId,
            @Parameter(description = "开始日期 YYYY-MM-DD（含），默认 to 往前 29 天", example = "2026-03-01") @QueryParam("from") String from,
            @Parameter(description = "结束日期 YYYY-MM-DD（含），默认今天（上海时区）", example = "2026-03-31") @QueryParam("to") String to) {
        Long id = QueryParams.optionalId("departmentId", departmentId);
        StatsPeriod period = StatsPeriod.parse(from, to, clock);
        return rates.departments(caller.actor(null), id, period);
    }
}
