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
    @Operation(summary = "当前用户（手机号脱敏） (me)")
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
