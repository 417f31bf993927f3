package cn.gridgov.media;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;
import java.util.UUID;

/** Buckets of their own (created at start), so a test can count every object stored. */
public class OwnBucketsProfile implements QuarkusTestProfile {

    static final String TAG = UUID.randomUUID().toString().substring(0, 8);

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "gridgov.s3.originals-bucket", "gridgov-test-originals-" + TAG,
                "gridgov.s3.display-bucket", "gridgov-test-display-" + TAG);
    }
}
