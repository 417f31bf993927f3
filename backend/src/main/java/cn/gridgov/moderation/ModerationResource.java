package cn.gridgov.moderation;

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

/** Content moderation (内容审核): the flagged text and photos of residents in the moderator's subtree, and decisions. */
@Path("/api/v1/moderation/flags")
@RolesAllowed(Role.ANY_MODERATOR)
public class ModerationResource {

    static final String FLAG = """
            {"id":301,"kind":"REQUEST","reason":"REVIEW","status":"OPEN","incidentId":1024,"mediaId":null,\
            "content":"幸福里小区东门井盖缺失，加微信 abc123 代购建材","label":20001,"authorId":88,"authorMutedUntil":null,\
            "createdAt":"2026-03-01T08:00:00+08:00","decision":null,"decidedAt":null,"note":null}""";

    static final String DECIDED = """
            {"id":301,"kind":"REQUEST","reason":"REVIEW","status":"HIDDEN","incidentId":1024,"mediaId":null,\
            "content":"幸福里小区东门井盖缺失，加微信 abc123 代购建材","label":20001,"authorId":88,\
            "authorMutedUntil":"2026-03-08T09:30:00+08:00","createdAt":"2026-03-01T08:00:00+08:00",\
            "decision":"HIDE_AND_WARN","decidedAt":"2026-03-01T09:30:00+08:00","note":"含广告，已提醒"}""";

    /** A moderator's decision, with an optional note and (with HIDE_AND_WARN) a mute in hours. */
    @Schema(name = "ModerationDecision")
    public record DecisionRequest(@NotNull Decision decision, @Size(max = 500) String note, Integer muteHours) {
    }

    private final ModerationService service;
    private final Caller caller;

    public ModerationResource(ModerationService service, Caller caller) {
        this.service = service;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "待审核内容：辖区内居民被标记的诉求文字、补充、评价和照片，最新在前，游标分页 (moderationFlags)",
            description = "社区管理员及以上（审核权限 Role.MODERATORS）可查看本辖区事件的待审核项：微信建议人工复核（REVIEW）、"
                    + "微信判定违规的照片（RISKY，已自动屏蔽）、微信暂时无法检测（UNCHECKED）。status 默认全部，可选 OPEN、"
                    + "SHOWN、HIDDEN；参数不对答 400 BAD_STATUS、BAD_CURSOR 或 BAD_LIMIT。")
    @APIResponse(responseCode = "200", description = "一页待审核项；nextCursor 为空表示没有更多",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT, properties = {
                    @SchemaProperty(name = "items", type = SchemaType.ARRAY, implementation = FlagView.class),
                    @SchemaProperty(name = "nextCursor", type = SchemaType.STRING, nullable = true)}),
                    examples = @ExampleObject(name = "page", value = "{\"items\":[" + FLAG + "],\"nextCursor\":null}")))
    public Uni<CursorPage<FlagView>> list(
            @Parameter(description = "OPEN 待处理、SHOWN 已放行、HIDDEN 已屏蔽；不给为全部", example = "OPEN") @RestQuery String status,
            @Parameter(description = "上一页的 nextCursor", example = "azozMDE") @RestQuery String cursor,
            @Parameter(description = "每页条数，1–200，默认 20", example = "20") @RestQuery String limit) {
        return service.list(caller.actor(null), status(status), CursorPage.after(cursor), CursorPage.limit(limit));
    }

    @POST
    @Path("/{id}/decision")
    @Operation(summary = "处理待审核项：放行、屏蔽或屏蔽并警告（可禁言） (decideModerationFlag)",
            description = "SHOW 放行（被屏蔽的照片恢复显示）；HIDE 屏蔽（照片任何接口都不再提供，诉求不上政务公开栏）；"
                    + "HIDE_AND_WARN 屏蔽并警告作者：可同时给 muteHours（1–2160 小时）禁言，30 天内被警告满 3 次（可配置）"
                    + "自动禁言 7 天。被禁言的居民提交诉求、补充或评价答 403 USER_MUTED。不在本辖区或不存在答 404 "
                    + "MODERATION_FLAG_NOT_FOUND，已处理过答 409 FLAG_DECIDED，muteHours 不合规答 400 MUTE_INVALID。")
    @APIResponse(responseCode = "200", description = "处理之后的待审核项",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FlagView.class),
                    examples = @ExampleObject(name = "decided", value = DECIDED)))
    public Uni<FlagView> decide(@Parameter(description = "待审核项编号", example = "301") @RestPath long id,
            @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = DecisionRequest.class),
                    examples = @ExampleObject(name = "hideAndWarn", value = """
                            {"decision":"HIDE_AND_WARN","note":"含广告，已提醒","muteHours":168}""")))
            @Valid @NotNull DecisionRequest body) {
        return service.decide(caller.actor(null), id, body.decision(), body.note(), body.muteHours());
    }

    private static FlagStatus status(String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        try {
            return FlagStatus.valueOf(status.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw DomainException.badRequest("BAD_STATUS", "status 只能是 OPEN、SHOWN 或 HIDDEN",
                    "status must be OPEN, SHOWN or HIDDEN");
        }
    }
}
