package cn.gridgov.party.cobuild;

import cn.gridgov.common.security.Caller;
import cn.gridgov.common.security.Role;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.util.List;

import static cn.gridgov.party.cobuild.CobuildExamples.UNIT;

/** A unit's contact person in the mini program: links themselves with WeChat's phone check, then sees their units. */
@Path("/api/v1/party/cobuild/contacts/me")
@Produces(MediaType.APPLICATION_JSON)
public class ContactResource {

    private final ContactService contacts;
    private final Caller caller;

    public ContactResource(ContactService contacts, Caller caller) {
        this.contacts = contacts;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.ANY_USER)
    @Operation(summary = "本人关联为共建单位联系人（微信手机号验证） (linkCobuildContact)",
            description = "小程序用户用手机号按钮（open-type=getPhoneNumber）拿到的 code 作 phoneCode，服务端向微信换取手机号；"
                    + "社区登记的联系人手机号与之相同的单位都关联到本人，答本人的全部单位。没有单位以该手机号登记联系人答 404 "
                    + "COBUILD_CONTACT_NOT_FOUND，已由其他用户关联答 409 CONTACT_TAKEN，微信无法验证时 502/503。")
    @APIResponse(responseCode = "200", description = "本人作为联系人的单位", content = @Content(
            schema = @Schema(type = SchemaType.ARRAY, implementation = CobuildViews.CobuildUnitView.class),
            examples = @ExampleObject(name = "units", value = "[" + UNIT + "]")))
    public Uni<List<CobuildViews.CobuildUnitView>> link(@RequestBody(required = true, content = @Content(
                                                            schema = @Schema(implementation = CobuildRequests.CobuildContactLink.class),
                                                            examples = @ExampleObject(name = "link", value = """
                                                                    {"phoneCode":"e31968a7f94cc5ee25fafc2aef2773f0"}""")))
                                                        @Valid @NotNull CobuildRequests.CobuildContactLink body) {
        return contacts.link(caller.actor(null), body);
    }

    @GET
    @Path("units")
    @RolesAllowed(Role.ANY_USER)
    @Operation(summary = "我作为联系人的共建单位 (myCobuildUnits)",
            description = "单位联系人查看自己关联的单位，含该单位与各社区的全部协议和资源（手机号脱敏）；未关联时为空列表。")
    @APIResponse(responseCode = "200", description = "本人作为联系人的单位", content = @Content(
            schema = @Schema(type = SchemaType.ARRAY, implementation = CobuildViews.CobuildUnitView.class),
            examples = @ExampleObject(name = "units", value = "[" + UNIT + "]")))
    public Uni<List<CobuildViews.CobuildUnitView>> mine() {
        return contacts.mine(caller.actor(null));
    }
}
