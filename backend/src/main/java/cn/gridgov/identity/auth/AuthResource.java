package cn.gridgov.identity.auth;

import cn.gridgov.common.security.Caller;
import cn.gridgov.common.security.Role;
import cn.gridgov.identity.ClientAddress;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
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
    @Operation(summary = "工作人员用户名密码登录 (staffLogin)",
            description = "失败不会锁定账号：同一账号前 5 次、同一地址前 20 次失败之后，下一次尝试须等待一段逐次翻倍的时间"
                    + "（账号最长 15 分钟，地址最长 1 分钟）。等待期间的尝试不核对密码，答 429（LOGIN_DELAYED：账号；"
                    + "LOGIN_DELAYED_ADDRESS：地址）并带 Retry-After（秒）；等待结束后正确的密码照常登录。")
    @APIResponse(responseCode = "429", description = "须等待 Retry-After 秒后再试（本次未核对密码）",
            headers = @Header(name = "Retry-After", description = "秒", schema = @Schema(type = SchemaType.INTEGER)),
            content = @Content(mediaType = "application/problem+json", examples = @ExampleObject(name = "delayed",
                    value = "{\"type\":\"https://gridgov.cn/problems/login-delayed\",\"title\":\"LOGIN_DELAYED\","
                            + "\"status\":429,\"code\":\"LOGIN_DELAYED\",\"detail\":\"该账号密码错误次数较多，为保护账号安全，"
                            + "请 8 秒后再试（本次未核对密码）\"}")))
    public Uni<LoginResponse> staffLogin(@Valid @NotNull AuthRequests.StaffLogin body, @Context HttpServerRequest request) {
        return auth.staffLogin(body.username(), body.password(), clientAddress.of(request));
    }

    @POST
    @Path("/binding-code")
    @RolesAllowed(Role.STAFF)
    @Operation(summary = "为自己生成一次性微信绑定码（需输入当前密码） (ownBindingCode)",
            description = "工作人员为自己的账号生成绑定码，须提供当前密码：只有访问令牌（例如被盗的令牌）不能把别人的微信"
                    + "绑到本账号。当前密码错误答 403 CURRENT_PASSWORD_WRONG，并与密码登录共用同一账号的递增等待"
                    + "（等待期间答 429 LOGIN_DELAYED，带 Retry-After）。每次生成都记入人员审计日志。")
    @APIResponse(responseCode = "200", description = "新的绑定码（只显示这一次），替换未用的旧码",
            content = @Content(schema = @Schema(implementation = AuthService.BindingCode.class),
                    examples = @ExampleObject(name = "code", value = "{\"code\":\"994D5FRD\",\"expiresAt\":\"2026-03-01T08:15:00+08:00\"}")))
    public Uni<AuthService.BindingCode> ownBindingCode(@Valid @NotNull AuthRequests.CurrentPassword body,
                                                       @Context HttpServerRequest request) {
        return auth.ownBindingCode(caller.actor(clientAddress.of(request)), body.currentPassword());
    }

    @POST
    @Path("/password")
    @RolesAllowed(Role.STAFF)
    @Operation(summary = "修改自己的密码（需输入当前密码） (changePassword)",
            description = "成功后本账号的所有会话（所有刷新令牌）失效，响应是新会话的令牌，客户端应替换保存的令牌。"
                    + "当前密码错误答 403 CURRENT_PASSWORD_WRONG（与登录共用递增等待，等待期间 429 LOGIN_DELAYED）；"
                    + "新密码 8–128 位。记入人员审计日志。")
    @APIResponse(responseCode = "200", description = "密码已修改；新会话的令牌",
            content = @Content(schema = @Schema(implementation = LoginResponse.class)))
    public Uni<LoginResponse> changePassword(@Valid @NotNull AuthRequests.PasswordChange body,
                                             @Context HttpServerRequest request) {
        return auth.changeOwnPassword(caller.actor(clientAddress.of(request)), body.currentPassword(), body.newPassword());
    }

    @POST
    @Path("/wechat/unbind")
    @RolesAllowed(Role.STAFF)
    @Operation(summary = "解除自己账号的微信绑定（需输入当前密码） (unbindWeChat)",
            description = "解除后该微信再登录只是居民身份；本账号的所有会话失效，响应是新会话的令牌。没有绑定时不做改变。"
                    + "当前密码错误答 403 CURRENT_PASSWORD_WRONG。记入人员审计日志。")
    @APIResponse(responseCode = "200", description = "已解除（或本来就没有绑定）；新会话的令牌",
            content = @Content(schema = @Schema(implementation = LoginResponse.class)))
    public Uni<LoginResponse> unbindWeChat(@Valid @NotNull AuthRequests.CurrentPassword body,
                                           @Context HttpServerRequest request) {
        return auth.unlinkOwnWeChat(caller.actor(clientAddress.of(request)), body.currentPassword());
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
