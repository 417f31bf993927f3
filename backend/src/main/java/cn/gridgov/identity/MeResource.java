package cn.gridgov.identity;

import cn.gridgov.common.error.Unauthenticated;
import cn.gridgov.common.security.Caller;
import cn.gridgov.common.security.Role;
import cn.gridgov.identity.auth.Sessions;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The logged-in user. */
@Path("/api/v1/me")
@Tag(name = "auth")
public class MeResource {

    private final Sessions sessions;
    private final Caller caller;
    private final Pool pool;

    public MeResource(Sessions sessions, Caller caller, Pool pool) {
        this.sessions = sessions;
        this.caller = caller;
        this.pool = pool;
    }

    @GET
    @RolesAllowed(Role.ANY_USER)
    @Operation(summary = "当前用户（手机号脱敏） (me)",
            description = "任何已登录的居民或工作人员查看自己的账号：身份（kind）、角色、脱敏手机号；工作人员另有用户名、"
                    + "所属区域和是否已绑定微信。未登录或令牌无效、过期、用户已不存在答 401（TOKEN_INVALID 等）。")
    @APIResponse(responseCode = "200", description = "当前用户",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = UserView.class),
                    examples = {
                        @ExampleObject(name = "staff", value = """
                                {"id":17,"kind":"STAFF","displayName":"张三","phone":"139****5678","roles":["GRID_WORKER"],\
                                "username":"zhang-san","region":{"id":305,"name":"幸福小区","level":"COMPOUND"},"wechatLinked":true}"""),
                        @ExampleObject(name = "resident", value = """
                                {"id":1024,"kind":"RESIDENT","nickname":"微信用户","phone":"138****1234","roles":["RESIDENT"]}""")}))
    public Uni<UserView> me() {
        long id = caller.userId();
        return sessions.load(pool, id).map(ua -> {
            if (ua == null) {
                throw new Unauthenticated("TOKEN_INVALID", "登录已失效，请重新登录", "The user no longer exists");
            }
            return sessions.view(ua.user(), ua.account());
        });
    }
}
