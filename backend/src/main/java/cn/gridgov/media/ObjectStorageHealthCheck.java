package cn.gridgov.media;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Readiness: the application is not ready while object storage does not answer. */
@Readiness
@ApplicationScoped
public class ObjectStorageHealthCheck implements AsyncHealthCheck {

    private final ObjectStorage storage;

    public ObjectStorageHealthCheck(ObjectStorage storage) {
        this.storage = storage;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return storage.reachable().map(up -> HealthCheckResponse.named("object-storage")
                .status(up)
                .withData("endpoint", storage.config().endpoint())
                .build());
    }
}
