package cn.gridgov.identity.staff;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.Set;

/** The bodies of the staff endpoints. */
public final class StaffRequests {

    private StaffRequests() {
    }

    /** A new staff account bound to {@code regionId}. */
    public record Create(
            @NotBlank @Pattern(regexp = "[A-Za-z0-9._-]{3,32}", message = "用户名须为 3–32 位字母、数字、. _ -")
            String username,
            @NotNull @Size(min = 8, max = 128, message = "密码长度须为 8–128 位") String password,
            @NotBlank @Size(max = 64) String displayName,
            @NotNull Long regionId,
            @NotEmpty @Size(max = 6) Set<@NotBlank String> roles,
            @Pattern(regexp = "1\\d{10}", message = "手机号须为 11 位数字") String phone) {
    }

    /** Changes to an account; absent fields stay as they are. */
    public record Update(
            @Size(min = 1, max = 64) String displayName,
            @Size(min = 1, max = 6) Set<@NotBlank String> roles,
            Boolean active,
            @Size(min = 8, max = 128, message = "密码长度须为 8–128 位") String password) {
    }
}
