package cn.gridgov.common.time;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;

/** Times as the API shows them: ISO-8601 with the offset of Asia/Shanghai (+08:00). */
public final class ApiTime {

    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private ApiTime() {
    }

    public static OffsetDateTime of(Instant instant) {
        return instant == null ? null : instant.atZone(ZONE).toOffsetDateTime();
    }
}
