package cn.gridgov.identity;

import cn.gridgov.common.security.Role;
import cn.gridgov.identity.staff.StaffAccount;
import cn.gridgov.region.RegionLevel;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.Set;

/** A user as the mini program and consoles see them: personal data masked, never WeChat's session key. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UserView(long id, String kind, String nickname, String displayName, String phone, Set<String> roles,
                       String username, RegionView region, Boolean wechatLinked) {

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
