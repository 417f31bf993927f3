package cn.gridgov.common.error;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/** The RFC 9457 problem document every error answer carries, with our stable {@code code}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String instance, String code,
                      List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static Problem of(int status, String code, String detail, String instance, List<FieldError> errors) {
        return new Problem("https://gridgov.cn/problems/" + code.toLowerCase().replace('_', '-'),
                code, status, detail, instance, code, errors);
    }
}
