package cn.gridgov.department;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.Set;

/** A new department staff account: a handler (DEPT_HANDLER) or the department's admin (DEPT_ADMIN). */
@Schema(name = "DepartmentStaffInput")
public record DepartmentStaffInput(
        @NotBlank @Pattern(regexp = "[A-Za-z0-9._-]{3,32}", message = "用户名须为 3–32 位字母、数字、. _ -")
        String username,
        @NotNull @Size(min = 8, max = 128, message = "密码长度须为 8–128 位") String password,
        @NotBlank @Size(max = 64) String displayName,
        @NotEmpty @Size(max = 2) Set<@NotBlank String> roles,
        @Pattern(regexp = "1\\d{10}", message = "手机号须为 11 位数字") String phone) {
}
