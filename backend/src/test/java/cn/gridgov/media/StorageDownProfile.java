package cn.gridgov.media;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/** Object storage at a closed port, and small size limits so the limit tests need no large bodies. */
public class StorageDownProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "gridgov.s3.endpoint", "http://127.0.0.1:1",
                "gridgov.media.max-bytes", "65536",
                "quarkus.http.limits.max-body-size", "256K");
    }
}
