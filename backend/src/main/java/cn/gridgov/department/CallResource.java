package cn.gridgov.department;

import cn.gridgov.common.paging.CursorPage;
import cn.gridgov.common.security.Caller;
import cn.gridgov.common.security.Role;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import java.util.List;

/** 吹哨报到: whistling departments to an incident, and their answers (报到, refusal, arbitration, handling, verification). */
@Path("/api/v1/department-calls")
@Tag(name = "departments")
public class CallResource {

    static final String CALL = """
            {"id":41,"incidentId":1024,"department":{"id":8,"code":"CGJ","name":"县城管局"},"role":"LEAD",\
            "status":"CALLED","reason":null,"calledBy":12,"callerRegionId":305,"callerPath":"1.2.305",\
            "calledAt":"2026-12-04T19:00:00+08:00","respondBy":"2026-12-07T10:30:00+08:00","reportedAt":null,\
            "handlerId":null,"handleBy":null,"refusable":true,"refusalReason":null,"arbitrationComment":null,\
            "resolvedAt":null,"version":0}""";

    private static final String REPORTED = """
            {"id":41,"incidentId":1024,"department":{"id":8,"code":"CGJ","name":"县城管局"},"role":"LEAD",\
            "status":"REPORTED","reason":null,"calledBy":12,"callerRegionId":305,"callerPath":"1.2.305",\
            "calledAt":"2026-12-04T19:00:00+08:00","respondBy":"2026-12-07T10:30:00+08:00",\
            "reportedAt":"2026-12-07T09:10:00+08:00","handlerId":31,"handleBy":"2026-12-14T09:10:00+08:00",\
            "refusable":true,"refusalReason":null,"arbitrationComment":null,"resolvedAt":null,"version":1}""";

    private static final String NOTE = """
            {"comment":"已派执法队员到场，拆除违建"}""";

    private final CallService service;
    private final Caller caller;

    public CallResource(CallService service, Caller caller) {
        this.service = service;
        this.caller = caller;
    }

    @GET
    @Path("/proposal/{incidentId}")
    @RolesAllowed(Role.STAFF)
    @Operation(summary = "吹哨建议：按权责清单列出牵头与配合部门 (getWhistleProposal)",
            description = "工作人员可调用；事件须在本人可见范围内（否则 404 INCIDENT_NOT_FOUND）。分类尚无清单时 lead 为 null。")
    @APIResponse(responseCode = "200", description = "清单建议",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = WhistleProposal.class),
                    examples = @ExampleObject(name = "proposal", value = """
                            {"categoryCode":"0202","lead":{"id":8,"code":"CGJ","name":"县城管局"},\
                            "supporters":[{"id":7,"code":"ZJJ","name":"县住建局"}],\
                            "legalBasis":"《城乡规划法》第六十四条","responseHours":2}""")))
    public Uni<WhistleProposal> proposal(@RestPath long incidentId) {
        return service.proposal(caller.actor(null), incidentId);
    }

    @GET
    @Path("/by-incident/{incidentId}")
    @RolesAllowed(Role.STAFF)
    @Operation(summary = "事件的部门呼叫（吹哨报到）情况 (listIncidentCalls)",
            description = "工作人员可调用；事件须在本人可见范围内（部门人员：本部门被呼叫的事件），否则 404 INCIDENT_NOT_FOUND。")
    @APIResponse(responseCode = "200", description = "该事件的全部呼叫，按呼叫先后",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = DepartmentCall.class),
                    examples = @ExampleObject(name = "calls", value = "[" + CALL + "]")))
    public Uni<List<DepartmentCall>> ofIncident(@RestPath long incidentId) {
        return service.ofIncident(caller.actor(null), incidentId);
    }

    @POST
    @RolesAllowed({Role.GRID_LEADER, Role.COMMUNITY_ADMIN, Role.TOWN_ADMIN})
    @Operation(summary = "吹哨：呼叫职能部门到场处置（社区、乡镇） (whistle)",
            description = "网格长、社区与乡镇管理员对本辖区内处置中的事件吹哨（辖区外 404 INCIDENT_NOT_FOUND，已办结或挂起 409 "
                    + "INCIDENT_NOT_OPEN）。正文的 incidentId 为事件 id。不填 departments 时按权责清单呼叫牵头与配合部门（无清单 400 WHISTLE_NO_PROPOSAL）；"
                    + "填写时须有且只有一个 LEAD（事件已有牵头部门时只能加 SUPPORT，400 WHISTLE_ONE_LEAD），清单外的部门须填 reason"
                    + "（400 CALL_REASON_REQUIRED），已呼叫过的部门 409 DEPARTMENT_ALREADY_CALLED。每个部门须在报到时限内"
                    + "（按工作日历，默认 2 个工作小时，可按分类在清单中设置）报到。")
    @APIResponse(responseCode = "201", description = "已吹哨；返回该事件的全部呼叫",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = DepartmentCall.class),
                    examples = @ExampleObject(name = "calls", value = "[" + CALL + "]")))
    public Uni<Response> whistle(
            @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = CallRequests.Whistle.class),
            examples = {@ExampleObject(name = "proposal", summary = "按清单呼叫", value = "{\"incidentId\":1024}"),
                    @ExampleObject(name = "explicit", summary = "指定部门（清单外须说明理由）", value = """
                            {"incidentId":1024,"departments":[{"departmentId":8,"role":"LEAD"},\
                            {"departmentId":12,"role":"SUPPORT","reason":"涉及燃气管线，需燃气公司到场"}],\
                            "comment":"违建占用消防通道"}""")})) @Valid @NotNull CallRequests.Whistle request) {
        return service.whistle(caller.actor(null), request.incidentId(), request)
                .map(calls -> Response.status(Response.Status.CREATED).entity(calls).build());
    }

    @GET
    @RolesAllowed(Role.STAFF)
    @Operation(summary = "部门呼叫列表：部门人员看本部门的，其他工作人员看辖区内事件的 (listDepartmentCalls)",
            description = "按 id 升序，游标分页；status 可选 CALLED、REPORTED、REFUSED（待县级仲裁）、REASSIGNED、RESOLVED、"
                    + "VERIFIED，其他值 400 CALL_STATUS_UNKNOWN。")
    @APIResponse(responseCode = "200", description = "一页呼叫",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = SchemaType.OBJECT, properties = {
                            @SchemaProperty(name = "items", type = SchemaType.ARRAY, implementation = DepartmentCall.class),
                            @SchemaProperty(name = "nextCursor", type = SchemaType.STRING, nullable = true)}),
                    examples = @ExampleObject(name = "page", value = "{\"items\":[" + CALL + "],\"nextCursor\":null}")))
    public Uni<CursorPage<DepartmentCall>> list(@RestQuery String status, @RestQuery String cursor,
                                                @RestQuery String limit) {
        return service.list(caller.actor(null), status, cursor, CursorPage.limit(limit));
    }

    @POST
    @Path("/{id}/report")
    @RolesAllowed({Role.DEPT_HANDLER, Role.DEPT_ADMIN})
    @Operation(summary = "报到：部门接受呼叫并指定经办人 (reportCall)",
            description = "被呼叫部门的人员；他部门的呼叫 404 DEPARTMENT_CALL_NOT_FOUND。只有 CALLED 的呼叫可报到（409 "
                    + "CALL_NOT_OPEN）。经办人须为本部门在岗人员（400 HANDLER_INVALID）；经办人本人报到可不填 handlerId。"
                    + "报到后按分类时限计算处置时限 handleBy。")
    @APIResponse(responseCode = "200", description = "已报到",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = DepartmentCall.class),
                    examples = @ExampleObject(name = "reported", value = REPORTED)))
    public Uni<DepartmentCall> report(@RestPath long id,
            @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = CallRequests.Report.class),
            examples = @ExampleObject(name = "report", value = """
                    {"handlerId":31,"comment":"已安排执法中队"}"""))) @Valid CallRequests.Report request) {
        return service.report(caller.actor(null), id, request);
    }

    @POST
    @Path("/{id}/refusal")
    @RolesAllowed(Role.DEPT_ADMIN)
    @Operation(summary = "拒绝呼叫（非本部门职责），提请县级仲裁 (refuseCall)",
            description = "被呼叫部门的管理员，报到前、每次呼叫仅一次，须说明理由；已拒绝过或仲裁决定的呼叫 409 CALL_NOT_REFUSABLE。")
    @APIResponse(responseCode = "200", description = "已拒绝，待县级仲裁",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = DepartmentCall.class),
                    examples = @ExampleObject(name = "refused", value = CALL)))
    public Uni<DepartmentCall> refuse(@RestPath long id,
            @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = CallRequests.Note.class),
            examples = @ExampleObject(name = "refusal", value = """
                    {"comment":"燃气管线归燃气公司管理，非本局职责"}"""))) @Valid @NotNull CallRequests.Note request) {
        return service.refuse(caller.actor(null), id, request);
    }

    @POST
    @Path("/{id}/supervision")
    @RolesAllowed(Role.COUNTY_ADMIN)
    @Operation(summary = "县级督办部门呼叫 (superviseCall)",
            description = "县级管理员督办待报到（CALLED）或处置中（REPORTED）的部门呼叫，每个县级节点每条呼叫一次（再次 409 "
                    + "CALL_ALREADY_SUPERVISED；其他状态 409 CALL_NOT_OPEN）。督办记入事件流转（DEPT_SUPERVISE），"
                    + "经事件推送送达该部门人员。其他角色 403；看不到的呼叫 404。")
    @APIResponse(responseCode = "200", description = "已督办的呼叫",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = DepartmentCall.class),
                    examples = @ExampleObject(name = "supervised", value = CALL)))
    public Uni<DepartmentCall> supervise(@RestPath long id,
            @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = CallRequests.Note.class),
            examples = @ExampleObject(name = "supervision", value = """
                    {"comment":"请于今日内报到并安排处置"}"""))) @Valid @NotNull CallRequests.Note request) {
        return service.supervise(caller.actor(null), id, request);
    }

    @POST
    @Path("/{id}/arbitration")
    @RolesAllowed(Role.COUNTY_ADMIN)
    @Operation(summary = "县级仲裁：决定由哪个部门承办（最终决定） (arbitrateCall)",
            description = "县级管理员对被拒绝（REFUSED）的呼叫作出最终决定（其他状态 409 CALL_NOT_REFUSED）：仍由原部门承办"
                    + "（重新计算报到时限，不可再拒），或改由另一部门承办（新建一条不可拒绝的呼叫）。决定记入事件流转。")
    @APIResponse(responseCode = "200", description = "决定承办的呼叫",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = DepartmentCall.class),
                    examples = @ExampleObject(name = "decided", value = CALL)))
    public Uni<DepartmentCall> arbitrate(@RestPath long id,
            @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = CallRequests.Arbitration.class),
            examples = @ExampleObject(name = "arbitration", value = """
                    {"departmentId":8,"comment":"依权责清单，违建拆除由城管局牵头"}"""))) @Valid @NotNull CallRequests.Arbitration request) {
        return service.arbitrate(caller.actor(null), id, request);
    }

    @POST
    @Path("/{id}/work")
    @RolesAllowed({Role.DEPT_HANDLER, Role.DEPT_ADMIN})
    @Operation(summary = "记录部门处置情况（配合部门的工作记入流转） (addCallWork)",
            description = "被呼叫部门的人员，报到后（否则 409 CALL_NOT_OPEN）；写入事件流转一行。")
    @APIResponse(responseCode = "200", description = "呼叫（状态不变）",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = DepartmentCall.class),
                    examples = @ExampleObject(name = "call", value = REPORTED)))
    public Uni<DepartmentCall> work(@RestPath long id,
            @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = CallRequests.Note.class),
            examples = @ExampleObject(name = "work", value = NOTE))) @Valid @NotNull CallRequests.Note request) {
        return service.work(caller.actor(null), id, request);
    }

    @POST
    @Path("/{id}/resolution")
    @RolesAllowed({Role.DEPT_HANDLER, Role.DEPT_ADMIN})
    @Operation(summary = "牵头部门办结，交吹哨节点核查 (resolveCall)",
            description = "仅牵头部门（配合部门 409 CALL_NOT_LEAD），报到后（否则 409 CALL_NOT_OPEN）。")
    @APIResponse(responseCode = "200", description = "已办结",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = DepartmentCall.class),
                    examples = @ExampleObject(name = "resolved", value = REPORTED)))
    public Uni<DepartmentCall> resolve(@RestPath long id,
            @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = CallRequests.Note.class),
            examples = @ExampleObject(name = "resolution", value = NOTE))) @Valid @NotNull CallRequests.Note request) {
        return service.resolve(caller.actor(null), id, request);
    }

    @POST
    @Path("/{id}/verification")
    @RolesAllowed({Role.GRID_LEADER, Role.COMMUNITY_ADMIN, Role.TOWN_ADMIN, Role.COUNTY_ADMIN})
    @Operation(summary = "吹哨节点现场核查：通过或退回 (verifyCall)",
            description = "吹哨节点（及其上级）的人员；辖区外 404 DEPARTMENT_CALL_NOT_FOUND。只有 RESOLVED 的呼叫可核查（409 "
                    + "CALL_NOT_OPEN）；退回须填 comment（400 SEND_BACK_REASON_REQUIRED），退回后回到 REPORTED。")
    @APIResponse(responseCode = "200", description = "核查后的呼叫",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = DepartmentCall.class),
                    examples = @ExampleObject(name = "verified", value = REPORTED)))
    public Uni<DepartmentCall> verify(@RestPath long id,
            @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = CallRequests.Verification.class),
            examples = @ExampleObject(name = "verification", value = """
                    {"passed":false,"comment":"现场仍有建筑垃圾未清运"}"""))) @Valid @NotNull CallRequests.Verification request) {
        return service.verify(caller.actor(null), id, request);
    }
}
