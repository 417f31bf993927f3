package cn.gridgov.common.error;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;
import java.util.Map;

/**
 * The RFC 9457 problem document every error answer carries, with our stable {@code code} and optional
 * extension members (emitted beside the standard ones).
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String instance, String code,
                      List<FieldError> errors, @JsonIgnore Map<String, Object> extensions) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static Problem of(int status, String code, String detail, String instance, List<FieldError> errors) {
        return of(status, code, detail, instance, errors, Map.of());
    }

    public static Problem of(int status, String code, String detail, String instance, List<FieldError> errors,
                             Map<String, Object> extensions) {
        return new Problem("https://gridgov.cn/problems/" + code.toLowerCase().replace('_', '-'),
                code, status, detail, instance, code, errors, extensions);
    }

    @JsonAnyGetter
    public Map<String, Object> extensionMembers() {
        return extensions == null ? Map.of() : extensions;
    }
}
