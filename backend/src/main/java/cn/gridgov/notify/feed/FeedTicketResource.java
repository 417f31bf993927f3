package cn.gridgov.notify.feed;

import cn.gridgov.identity.auth.CurrentAccess;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Feed tickets: how a browser opens the realtime feed without putting its access token in the URL. */
@Path("/api/v1/feed/tickets")
@Authenticated
@Tag(name = "feed", description = "实时推送")
public class FeedTicketResource {

    private final FeedTickets tickets;
    private final JsonWebToken jwt;

    public FeedTicketResource(FeedTickets tickets, JsonWebToken jwt) {
        this.tickets = tickets;
        this.jwt = jwt;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "换取实时推送的一次性票据（浏览器用） (issue)",
            description = "浏览器的 WebSocket 不能带 Authorization 头：先用访问令牌（Bearer）换一张票据，再连接 "
                    + "`/api/v1/feed?ticket=<票据>`。票据只能用一次，默认 30 秒内有效，仅代表换取时的访问令牌（到期时间相同；该令牌因退出登录、停用或角色变更失效后，票据也不能再用）。"
                    + "小程序用 wx.connectSocket 的 header 直接带 Authorization，无需票据。访问令牌不得放在 URL 中"
                    + "（`?access_token=` 会被拒绝）。")
    @APIResponse(responseCode = "201", description = "票据已签发",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = FeedTickets.Ticket.class),
                    examples = @ExampleObject(name = "ticket", value = """
                            {"ticket":"kQ3x9V0h2m7cYbq1Zr8uLw4tN6pE5sDfGjHa0iKoMnA","expiresAt":"2026-03-02T10:15:30.123+08:00"}""")))
    public Uni<Response> issue() {
        return tickets.issue(FeedAuth.viewer(jwt), CurrentAccess.tokenVersion(jwt)).map(ticket -> Response.status(201).entity(ticket).build());
    }
}
