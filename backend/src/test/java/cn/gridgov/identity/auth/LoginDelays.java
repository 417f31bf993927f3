package cn.gridgov.identity.auth;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;

/** Test helper for the growing login delays: addresses no other test uses, the alert metric, the daily bound. */
public final class LoginDelays {

    private static final AtomicInteger ADDRESSES = new AtomicInteger();

    private LoginDelays() {
    }

    /** A client address of its own for each call (172.31.0.0/16 is left to these tests). */
    public static String address() {
        int n = ADDRESSES.incrementAndGet();
        return "172.31." + (n / 250) % 250 + "." + (1 + n % 250);
    }

    /** {@code gridgov_login_throttled_total{kind=...}} as /q/metrics shows it now. */
    static double throttled(String kind) {
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("(?m)^gridgov_login_throttled_total\\{kind=\"" + kind + "\",?\\} (\\S+)$")
                .matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    /**
     * The most attempts one account lets through in a day under a schedule: {@code free} at once, then one
     * at the end of each delay (first, doubling, capped at max) that still falls within the day.
     */
    static int guessesPerDay(int free, Duration first, Duration max) {
        long day = Duration.ofDays(1).toSeconds();
        long at = 0;
        int attempts = free;
        for (int k = 0; ; k++) {
            at += Math.min(first.toSeconds() << Math.min(k, 30), max.toSeconds());
            if (at >= day) {
                return attempts;
            }
            attempts++;
        }
    }
}
