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
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.Map;

/** Login, refresh and logout for the mini program and the staff consoles. */
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Path("/api/v1/auth")
@Tag(name = "auth", description = "登录与令牌")
public class AuthResource {

    /** A resident's login answer, as the examples show it. */
    private static final String RESIDENT_TOKENS = """
            {"accessToken":"eyJhbGciOiJSUzI1NiIsImtpZCI6ImRldi0xIiwidHlwIjoiSldUIn0.eyJzdWIiOiIxMDI0In0.c2lnbmF0dXJl",\
            "refreshToken":"Jt7cQ2mV9xK4pL0sR8wN3bF6hY1uZ5aE2dG7jT9vX0c","expiresIn":900,"tokenType":"Bearer",\
            "user":{"id":1024,"kind":"RESIDENT","nickname":"微信用户","phone":"138****1234","roles":["RESIDENT"]}}""";

    /** A staff member's login answer, as the examples show it. */
    private static final String STAFF_TOKENS = """
            {"accessToken":"eyJhbGciOiJSUzI1NiIsImtpZCI6ImRldi0xIiwidHlwIjoiSldUIn0.eyJzdWIiOiIxNyJ9.c2lnbmF0dXJl",\
            "refreshToken":"pR4tW8yB1nM6qS0vX3zC7eH2kJ5gL9aD4fU8iO1rT6w","expiresIn":900,"tokenType":"Bearer",\
            "user":{"id":17,"kind":"STAFF","displayName":"张三","phone":"139****5678","roles":["GRID_WORKER"],\
            "username":"zhang-san","region":{"id":305,"name":"幸福小区","level":"COMPOUND"},"wechatLinked":true}}""";

    /** A staff member's new tokens after unlinking WeChat, as the examples show them. */
    private static final String STAFF_TOKENS_UNLINKED = """
            {"accessToken":"eyJhbGciOiJSUzI1NiIsImtpZCI6ImRldi0xIiwidHlwIjoiSldUIn0.eyJzdWIiOiIxNyJ9.bmV3c2lnbmF0dXJl",\
            "refreshToken":"xK2mN7pQ4rS9tV1wY6zA3bC8dE5fG0hJ2kL7mN4pQ9r","expiresIn":900,"tokenType":"Bearer",\
            "user":{"id":17,"kind":"STAFF","displayName":"张三","phone":"139****5678","roles":["GRID_WORKER"],\
            "username":"zhang-san","region":{"id":305,"name":"幸福小区","level":"COMPOUND"},"wechatLinked":false}}""";

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
    @Operation(summary = "微信登录：wx.login 的 code 换取令牌，新用户成为居民 (wechatLogin)",
            description = "任何人可调用：用 wx.login 得到的 code 登录，首次登录自动建立居民账号；已绑定工作人员账号的微信"
                    + "以工作人员身份登录。code 无效或已用过答 400 WECHAT_CODE_INVALID，微信服务不可用答 503 WECHAT_UNAVAILABLE，"
                    + "所绑工作人员账号已停用答 403 ACCOUNT_DISABLED，尝试过于频繁答 429 TOO_MANY_ATTEMPTS。")
    @APIResponse(responseCode = "200", description = "登录成功；访问令牌与刷新令牌",
            content = @Content(schema = @Schema(implementation = LoginResponse.class),
                    examples = @ExampleObject(name = "resident", value = RESIDENT_TOKENS)))
    public Uni<LoginResponse> wechatLogin(@RequestBody(required = true, content = @Content(
                                                  schema = @Schema(implementation = AuthRequests.WeChatCode.class),
                                                  examples = @ExampleObject(name = "code",
                                                          value = "{\"code\":\"0a3Xk2Ga1Qm8nL4wT0Ja1X5z0v3Xk2Gn\"}")))
                                          @Valid @NotNull AuthRequests.WeChatCode body, @Context HttpServerRequest request) {
        return auth.wechatLogin(body.code().trim(), clientAddress.of(request));
    }

    @POST
    @Path("/wechat/phone")
    @RolesAllowed(Role.ANY_USER)
    @Operation(summary = "绑定手机号：手机号按钮的 code，返回脱敏号码 (bindPhone)",
            description = "已登录的居民或工作人员用手机号快速验证按钮（getPhoneNumber）返回的 code 绑定手机号，已有号码时替换；"
                    + "号码加密保存，只返回脱敏号码。code 无效答 400 WECHAT_PHONE_CODE_INVALID，微信服务不可用答 503 "
                    + "WECHAT_UNAVAILABLE，未登录答 401。")
    @APIResponse(responseCode = "200", description = "已绑定；脱敏后的手机号",
            content = @Content(schema = @Schema(type = SchemaType.OBJECT, additionalProperties = String.class),
                    examples = @ExampleObject(name = "masked", value = "{\"phone\":\"138****1234\"}")))
    public Uni<Map<String, String>> bindPhone(@RequestBody(required = true, content = @Content(
                                                      schema = @Schema(implementation = AuthRequests.WeChatCode.class),
                                                      examples = @ExampleObject(name = "code",
                                                              value = "{\"code\":\"e31968a7f94cc5ee25fafc2aef2773f0bb8c3937b22520eb8ee345274d00c144\"}")))
                                              @Valid @NotNull AuthRequests.WeChatCode body) {
        return auth.bindPhone(caller.userId(), body.code().trim()).map(masked -> Map.of("phone", masked));
    }

    @POST
    @Path("/wechat/bind")
    @PermitAll
    @Operation(summary = "工作人员用绑定码关联微信账号并以工作人员身份登录 (bind)",
            description = "任何人可调用：工作人员在小程序里用 wx.login 的 code 和管理员（或自己）生成的一次性绑定码，把当前微信"
                    + "关联到工作人员账号，此后该微信登录即为工作人员身份。绑定码错误、过期或已用过答 400 BINDING_CODE_INVALID，"
                    + "code 无效答 400 WECHAT_CODE_INVALID，尝试过于频繁答 429（TOO_MANY_ATTEMPTS 或 "
                    + "LOGIN_DELAYED_ADDRESS，带 Retry-After）。记入人员审计日志。")
    @APIResponse(responseCode = "200", description = "已绑定；工作人员身份的令牌",
            content = @Content(schema = @Schema(implementation = LoginResponse.class),
                    examples = @ExampleObject(name = "staff", value = STAFF_TOKENS)))
    public Uni<LoginResponse> bind(@RequestBody(required = true, content = @Content(
                                           schema = @Schema(implementation = AuthRequests.Bind.class),
                                           examples = @ExampleObject(name = "bind", value = "{\"code\":"
                                                   + "\"0a3Xk2Ga1Qm8nL4wT0Ja1X5z0v3Xk2Gn\",\"bindingCode\":\"994D5FRD\"}")))
                                   @Valid @NotNull AuthRequests.Bind body, @Context HttpServerRequest request) {
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
    @APIResponse(responseCode = "200", description = "登录成功；工作人员身份的令牌",
            content = @Content(schema = @Schema(implementation = LoginResponse.class),
                    examples = @ExampleObject(name = "staff", value = STAFF_TOKENS)))
    public Uni<LoginResponse> staffLogin(@RequestBody(required = true, content = @Content(
                                                 schema = @Schema(implementation = AuthRequests.StaffLogin.class),
                                                 examples = @ExampleObject(name = "login",
                                                         value = "{\"username\":\"zhang-san\",\"password\":\"Grid2026!safe\"}")))
                                         @Valid @NotNull AuthRequests.StaffLogin body, @Context HttpServerRequest request) {
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
    public Uni<AuthService.BindingCode> ownBindingCode(@RequestBody(required = true, content = @Content(
                                                               schema = @Schema(implementation = AuthRequests.CurrentPassword.class),
                                                               examples = @ExampleObject(name = "password",
                                                                       value = "{\"currentPassword\":\"Grid2026!safe\"}")))
                                                       @Valid @NotNull AuthRequests.CurrentPassword body,
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
            content = @Content(schema = @Schema(implementation = LoginResponse.class),
                    examples = @ExampleObject(name = "staff", value = STAFF_TOKENS)))
    public Uni<LoginResponse> changePassword(@RequestBody(required = true, content = @Content(
                                                     schema = @Schema(implementation = AuthRequests.PasswordChange.class),
                                                     examples = @ExampleObject(name = "change", value = "{\"currentPassword\":"
                                                             + "\"Grid2026!safe\",\"newPassword\":\"Wangge-2026-new\"}")))
                                             @Valid @NotNull AuthRequests.PasswordChange body,
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
            content = @Content(schema = @Schema(implementation = LoginResponse.class),
                    examples = @ExampleObject(name = "unlinked", value = STAFF_TOKENS_UNLINKED)))
    public Uni<LoginResponse> unbindWeChat(@RequestBody(required = true, content = @Content(
                                                   schema = @Schema(implementation = AuthRequests.CurrentPassword.class),
                                                   examples = @ExampleObject(name = "password",
                                                           value = "{\"currentPassword\":\"Grid2026!safe\"}")))
                                           @Valid @NotNull AuthRequests.CurrentPassword body,
                                           @Context HttpServerRequest request) {
        return auth.unlinkOwnWeChat(caller.actor(clientAddress.of(request)), body.currentPassword());
    }

    @POST
    @Path("/refresh")
    @PermitAll
    @Operation(summary = "用刷新令牌换取新令牌（旧刷新令牌随即失效） (refresh)",
            description = "一次登录（同一会话）从登录起最长 30 天，刷新不会延长；到期后返回 401 REFRESH_TOKEN_INVALID，需重新登录。")
    @APIResponse(responseCode = "200", description = "新的访问令牌与刷新令牌",
            content = @Content(schema = @Schema(implementation = LoginResponse.class),
                    examples = @ExampleObject(name = "resident", value = RESIDENT_TOKENS)))
    public Uni<LoginResponse> refresh(@RequestBody(required = true, content = @Content(
                                              schema = @Schema(implementation = AuthRequests.Refresh.class),
                                              examples = @ExampleObject(name = "refresh",
                                                      value = "{\"refreshToken\":\"Jt7cQ2mV9xK4pL0sR8wN3bF6hY1uZ5aE2dG7jT9vX0c\"}")))
                                      @Valid @NotNull AuthRequests.Refresh body) {
        return sessions.refresh(body.refreshToken());
    }

    @POST
    @Path("/logout")
    @PermitAll
    @Operation(summary = "退出登录：刷新令牌所属的会话失效 (logout)",
            description = "同时该账号已发出的访问令牌立即失效（其他设备下一次请求得到 401 TOKEN_INVALID，刷新后继续），"
                    + "实时推送连接以 4401 关闭。")
    @APIResponse(responseCode = "204", description = "The session has ended")
    public Uni<Void> logout(@RequestBody(required = true, content = @Content(
                                    schema = @Schema(implementation = AuthRequests.Refresh.class),
                                    examples = @ExampleObject(name = "refresh",
                                            value = "{\"refreshToken\":\"Jt7cQ2mV9xK4pL0sR8wN3bF6hY1uZ5aE2dG7jT9vX0c\"}")))
                            @Valid @NotNull AuthRequests.Refresh body) {
        return sessions.end(body.refreshToken());
    }
}
