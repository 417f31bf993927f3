package cn.gridgov.identity;

import cn.gridgov.common.paging.CursorPage;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.Map;

/** Staff accounts, managed by admins within their own subtree. */
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Path("/api/v1/staff")
@Tag(name = "staff", description = "工作人员账号")
public class StaffResource {

    /** The page size of the staff list when the client gives none. */
    private static final int STAFF_PAGE = 50;

    private final StaffService service;
    private final AuthService auth;
    private final PersonalDataAccess personalData;
    private final Caller caller;
    private final ClientAddress clientAddress;

    public StaffResource(StaffService service, AuthService auth, PersonalDataAccess personalData, Caller caller,
                         ClientAddress clientAddress) {
        this.service = service;
        this.auth = auth;
        this.personalData = personalData;
        this.caller = caller;
        this.clientAddress = clientAddress;
    }

    @POST
    @RolesAllowed(Role.ANY_ADMIN)
    @Operation(summary = "创建工作人员账号（本级及下级区域，角色不高于自己） (create)")
    public Uni<Response> create(@Valid @NotNull StaffRequests.Create body, @Context UriInfo uri,
                                @Context HttpServerRequest request) {
        return service.create(caller.actor(clientAddress.of(request)), body)
                .map(view -> Response.created(uri.getAbsolutePathBuilder().path(Long.toString(view.id())).build())
                        .entity(view).build());
    }

    @GET
    @RolesAllowed(Role.ANY_ADMIN)
    @Operation(summary = "本辖区工作人员列表（游标分页） (list)")
    public Uni<CursorPage<StaffView>> list(@QueryParam("regionId") Long regionId,
                                           @QueryParam("cursor") @Size(max = 64) String cursor,
                                           @QueryParam("limit") String limit, @Context HttpServerRequest request) {
        return service.list(caller.actor(clientAddress.of(request)), regionId, CursorPage.after(cursor),
                CursorPage.limit(limit, STAFF_PAGE));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(Role.ANY_ADMIN)
    @Operation(summary = "工作人员详情（辖区外的账号答 404） (get)")
    public Uni<StaffView> get(@PathParam("id") long id, @Context HttpServerRequest request) {
        return service.get(caller.actor(clientAddress.of(request)), id);
    }

    @PATCH
    @Path("/{id}")
    @RolesAllowed(Role.ANY_ADMIN)
    @Operation(summary = "修改工作人员：姓名、角色、启用/停用、重置密码 (update)")
    public Uni<StaffView> update(@PathParam("id") long id, @Valid @NotNull StaffRequests.Update body,
                                 @Context HttpServerRequest request) {
        return service.update(caller.actor(clientAddress.of(request)), id, body);
    }

    @POST
    @Path("/{id}/binding-code")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed(Role.ANY_ADMIN)
    @Operation(summary = "为工作人员生成一次性微信绑定码 (bindingCode)")
    public Uni<AuthService.BindingCode> bindingCode(@PathParam("id") long id, @Context HttpServerRequest request) {
        Actor admin = caller.actor(clientAddress.of(request));
        return service.get(admin, id).flatMap(staff -> auth.newBindingCode(staff.id(), admin.userId()));
    }

    @GET
    @Path("/{id}/phone")
    @RolesAllowed(Role.ANY_LEADER)
    @Operation(summary = "查看完整手机号（记录审计日志） (phone)")
    public Uni<Map<String, String>> phone(@PathParam("id") long id,
                                          @QueryParam("reason") @Size(max = 200) String reason,
                                          @Context HttpServerRequest request) {
        return service.revealPhone(caller.actor(clientAddress.of(request)), id, reason, personalData)
                .map(phone -> Map.of("phone", phone));
    }
}
