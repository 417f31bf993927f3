package cn.gridgov.identity;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.Map;

/** Login, refresh and logout for the mini program and the staff consoles. */
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Path("/api/v1/auth")
@Tag(name = "auth", description = "登录与令牌")
public class AuthResource {

    private final AuthService auth;
    private final Sessions sessions;
    private final Caller caller;
    private final ClientAddress clientAddress;

    public AuthResource(AuthService auth, Sessions sessions, Caller caller, ClientAddress clientAddress) {
        this.auth = auth;
        this.sessions = sessions;
        this.caller = caller;
        this.clientAddress = clientAddress;
    }

    @POST
    @Path("/wechat/login")
    @PermitAll
    @Operation(summary = "微信登录：wx.login 的 code 换取令牌，新用户成为居民 (wechatLogin)")
    public Uni<LoginResponse> wechatLogin(@Valid @NotNull AuthRequests.WeChatCode body, @Context HttpServerRequest request) {
        return auth.wechatLogin(body.code().trim(), clientAddress.of(request));
    }

    @POST
    @Path("/wechat/phone")
    @RolesAllowed(Role.ANY_USER)
    @Operation(summary = "绑定手机号：手机号按钮的 code，返回脱敏号码 (bindPhone)")
    public Uni<Map<String, String>> bindPhone(@Valid @NotNull AuthRequests.WeChatCode body) {
        return auth.bindPhone(caller.userId(), body.code().trim()).map(masked -> Map.of("phone", masked));
    }

    @POST
    @Path("/wechat/bind")
    @PermitAll
    @Operation(summary = "工作人员用绑定码关联微信账号并以工作人员身份登录 (bind)")
    public Uni<LoginResponse> bind(@Valid @NotNull AuthRequests.Bind body, @Context HttpServerRequest request) {
        return auth.bindStaffWeChat(body.code().trim(), body.bindingCode(), clientAddress.of(request));
    }

    @POST
    @Path("/staff/login")
    @PermitAll
    @Operation(summary = "工作人员用户名密码登录 (staffLogin)")
    public Uni<LoginResponse> staffLogin(@Valid @NotNull AuthRequests.StaffLogin body, @Context HttpServerRequest request) {
        return auth.staffLogin(body.username(), body.password(), clientAddress.of(request));
    }

    @POST
    @Path("/binding-code")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed(Role.STAFF)
    @Operation(summary = "为自己生成一次性微信绑定码 (ownBindingCode)")
    public Uni<AuthService.BindingCode> ownBindingCode() {
        long me = caller.userId();
        return auth.newBindingCode(me, me);
    }

    @POST
    @Path("/refresh")
    @PermitAll
    @Operation(summary = "用刷新令牌换取新令牌（旧刷新令牌随即失效） (refresh)",
            description = "一次登录（同一会话）从登录起最长 30 天，刷新不会延长；到期后返回 401 REFRESH_TOKEN_INVALID，需重新登录。")
    public Uni<LoginResponse> refresh(@Valid @NotNull AuthRequests.Refresh body) {
        return sessions.refresh(body.refreshToken());
    }

    @POST
    @Path("/logout")
    @PermitAll
    @Operation(summary = "退出登录：刷新令牌所属的会话失效 (logout)",
            description = "同时该账号已发出的访问令牌立即失效（其他设备下一次请求得到 401 TOKEN_INVALID，刷新后继续），"
                    + "实时推送连接以 4401 关闭。")
    @APIResponse(responseCode = "204", description = "The session has ended")
    public Uni<Void> logout(@Valid @NotNull AuthRequests.Refresh body) {
        return sessions.end(body.refreshToken());
    }
}
