package cn.gridgov.identity.auth;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** The bodies of the login endpoints; sizes are bounded so nothing huge reaches WeChat or the hasher. */
public final class AuthRequests {

    private AuthRequests() {
    }

    /** The {@code code} from {@code wx.login} (or from the phone-number button). */
    public record WeChatCode(@NotBlank @Size(max = 128) String code) {
    }

    /** A staff member's password login. */
    public record StaffLogin(@NotBlank @Size(max = 64) String username, @NotNull @Size(min = 1, max = 128) String password) {
    }

    /** Links the WeChat account behind {@code code} to a staff account. */
    public record Bind(@NotBlank @Size(max = 128) String code, @NotBlank @Size(max = 16) String bindingCode) {
    }

    /** The caller's current password, confirming a change of their own account. */
    public record CurrentPassword(@NotNull @Size(min = 1, max = 128) String currentPassword) {
    }

    /** A new password for the caller's own account, confirmed with the current one. */
    public record PasswordChange(@NotNull @Size(min = 1, max = 128) String currentPassword,
                                 @NotNull @Size(min = 8, max = 128, message = "密码长度须为 8–128 位") String newPassword) {
    }

    /** A refresh token to use or to end. */
    public record Refresh(@NotBlank @Size(max = 128) String refreshToken) {
    }
}
