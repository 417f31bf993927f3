package cn.gridgov.people.house;

import cn.gridgov.common.error.DomainException;
import cn.gridgov.common.error.FieldError;

import java.util.List;

/** The {@code version} query parameter of a delete: required, an integer. */
public final class Versions {

    private Versions() {
    }

    public static int required(String version) {
        try {
            if (version != null) {
                return Integer.parseInt(version.trim());
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw DomainException.invalid("删除须带上读取时的版本号 version（整数）", "version (an integer) is required",
                List.of(new FieldError("version", "必填，整数")));
    }
}
