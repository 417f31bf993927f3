package cn.gridgov.resident;

import cn.gridgov.common.error.DomainException;
import cn.gridgov.common.paging.CursorPage;
import cn.gridgov.common.security.Caller;
import cn.gridgov.common.security.Role;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import java.util.Locale;

/** Revisit tasks (回访) opened by low ratings, for staff within whose scope the incident lies. */
@Path("/api/v1/revisits")
@RolesAllowed(Role.STAFF)
public class RevisitResource {

    private static final String REVISIT = """
            {"id":31,"incidentId":1024,"categoryName":"井盖破损或缺失","communityId":37,"rating":2,\
            "ratingComment":"修得太慢","dueAt":"2026-03-07T10:00:00+08:00","overdue":false,"status":"OPEN",\
            "outcome":null,"note":null,"reopened":false,"recordedBy":null,"recordedAt":null,\
            "createdAt":"2026-03-04T10:00:00+08:00","version":0}""";

    /** What staff found on the revisit; {@code reopen} sends the incident back to be handled again. */
    @Schema(name = "ResidentRevisitRecord")
    public record RecordRequest(@NotNull Revisit.Outcome outcome, @Size(max = 1000) String note, Boolean reopen) {
    }

    private final RevisitService service;
    private final Caller caller;

    public RevisitResource(RevisitService service, Caller caller) {
        this.service = service;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "辖区内的回访任务（低分评价产生），最新在前，游标分页 (revisits)",
            description = "居民给出 1 或 2 星评价时，为事件所在社区生成一条回访任务（每个事件只有一条），带回访期限 dueAt。"
                    + "工作人员看到辖区内的回访任务；status=OPEN 或 DONE 筛选（不对答 400 BAD_REVISIT_STATUS），"
                    + "参数不对时 400 BAD_CURSOR 或 BAD_LIMIT。")
    @APIResponse(responseCode = "200", description = "一页回访任务",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT, properties = {
                    @SchemaProperty(name = "items", type = SchemaType.ARRAY, implementation = RevisitView.class),
                    @SchemaProperty(name = "nextCursor", type = SchemaType.STRING, nullable = true)}),
                    examples = @ExampleObject(name = "page", value = "{\"items\":[" + REVISIT + "],\"nextCursor\":null}")))
    public Uni<CursorPage<RevisitView>> list(
            @Parameter(description = "OPEN（待回访）或 DONE（已回访）", example = "OPEN") @RestQuery String status,
            @Parameter(description = "上一页的 nextCursor", example = "azozMQ") @RestQuery String cursor,
            @Parameter(description = "每页条数，1–200，默认 20", example = "20") @RestQuery String limit) {
        return service.list(caller.actor(null), status(status), CursorPage.after(cursor), CursorPage.limit(limit));
    }

    @POST
    @Path("/{id}/record")
    @Operation(summary = "记录回访结果，可重新办理事件 (recordRevisit)",
            description = "记录一次回访：outcome 为 SATISFIED（满意）、UNSATISFIED（仍不满意）或 UNREACHABLE（联系不上），"
                    + "note 为说明。reopen=true 时事件从已办结回到已受理（REOPEN），按原时限长度重新计时；只有事件承办区域的"
                    + "调度人员（社区及以上管理员、网格长）可以重新办理，否则 403 ACTION_FORBIDDEN，回访也不记录。"
                    + "辖区外或不存在的回访答 404 REVISIT_NOT_FOUND；已记录过答 409 REVISIT_RECORDED；"
                    + "事件已不是办结状态时重新办理答 409 ACTION_NOT_ALLOWED。")
    @APIResponse(responseCode = "200", description = "记录后的回访任务",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RevisitView.class),
                    examples = @ExampleObject(name = "revisit", value = """
                            {"id":31,"incidentId":1024,"categoryName":"井盖破损或缺失","communityId":37,"rating":2,\
                            "ratingComment":"修得太慢","dueAt":"2026-03-07T10:00:00+08:00","overdue":false,\
                            "status":"DONE","outcome":"UNSATISFIED","note":"井盖仍有松动，重新派单","reopened":true,\
                            "recordedBy":17,"recordedAt":"2026-03-05T15:20:00+08:00",\
                            "createdAt":"2026-03-04T10:00:00+08:00","version":1}""")))
    public Uni<RevisitView> record(@Parameter(description = "回访任务编号", example = "31") @RestPath long id,
            @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = RecordRequest.class),
                    examples = @ExampleObject(name = "record", value = """
                            {"outcome":"UNSATISFIED","note":"井盖仍有松动，重新派单","reopen":true}""")))
            @Valid @NotNull RecordRequest body) {
        return service.record(caller.actor(null), id,
                new RevisitService.Recording(body.outcome(), body.note(), Boolean.TRUE.equals(body.reopen())));
    }

    private static Revisit.Status status(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Revisit.Status.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw DomainException.badRequest("BAD_REVISIT_STATUS", "回访状态应为 OPEN 或 DONE：" + value,
                    "The revisit status must be OPEN or DONE: " + value);
        }
    }
}
