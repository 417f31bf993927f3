package cn.gridgov.media;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/** No decode slot at all (every decode is refused at once) and two uploads and two reports per user. */
public class TightLimitsProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "gridgov.media.decode-slots", "0",
                "gridgov.media.decode-wait", "PT0S",
                "gridgov.media.uploads-per-user", "2",
                "gridgov.incident.reports-per-user", "2");
    }
}
