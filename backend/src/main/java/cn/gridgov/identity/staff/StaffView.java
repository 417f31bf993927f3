package cn.gridgov.identity.staff;

import cn.gridgov.common.openapi.ResponseFields;
import cn.gridgov.identity.UserView;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.Set;

/** A staff account as admins see it (phone masked). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(extensions = @Extension(name = ResponseFields.OMITS_NULL, value = "true"))
public record StaffView(long id, String username, @Schema(nullable = true) String displayName, Set<String> roles,
                        boolean active, UserView.RegionView region, boolean wechatLinked,
                        @Schema(nullable = true) String phone, OffsetDateTime createdAt) {

    static StaffView of(StaffAccount a, String maskedPhone) {
        return new StaffView(a.userId(), a.username(), a.displayName(), a.roles(), a.active(),
                new UserView.RegionView(a.regionId(), a.regionName(), a.regionLevel()), a.wechatLinked(),
                maskedPhone, a.createdAt());
    }
}
