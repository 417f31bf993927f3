package cn.gridgov.identity;

import cn.gridgov.common.openapi.ResponseFields;
import cn.gridgov.common.security.Role;
import cn.gridgov.identity.staff.StaffAccount;
import cn.gridgov.region.RegionLevel;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.Set;

/** A user as the mini program and consoles see them: personal data masked, never WeChat's session key. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(extensions = @Extension(name = ResponseFields.OMITS_NULL, value = "true"))
public record UserView(long id, String kind, @Schema(nullable = true) String nickname,
                       @Schema(nullable = true) String displayName, @Schema(nullable = true) String phone,
                       Set<String> roles, @Schema(nullable = true) String username,
                       @Schema(nullable = true) RegionView region, @Schema(nullable = true) Boolean wechatLinked) {

    /** The node a staff account is bound to. */
    public record RegionView(long id, String name, RegionLevel level) {
    }

    public static UserView resident(AppUser user, String maskedPhone) {
        return new UserView(user.id(), AppUser.RESIDENT, user.nickname(), null, maskedPhone, Set.of(Role.RESIDENT),
                null, null, null);
    }

    public static UserView staff(AppUser user, StaffAccount staff, String maskedPhone) {
        return new UserView(user.id(), AppUser.STAFF, user.nickname(), staff.displayName(), maskedPhone,
                staff.roles(), staff.username(), new RegionView(staff.regionId(), staff.regionName(),
                staff.regionLevel()), staff.wechatLinked());
    }
}
