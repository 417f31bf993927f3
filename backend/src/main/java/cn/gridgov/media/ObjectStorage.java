package cn.gridgov.media;

import io.minio.BucketExistsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.List;

/** The S3 object store: owns the MinIO client and makes sure our buckets exist. */
@ApplicationScoped
public class ObjectStorage {

    private static final Logger LOG = Logger.getLogger(ObjectStorage.class);

    private final StorageConfig config;
    private final MinioClient client;

    public ObjectStorage(StorageConfig config) {
        this.config = config;
        this.client = MinioClient.builder()
                .endpoint(config.endpoint())
                .credentials(config.accessKey(), config.secretKey())
                .region(config.region())
                .build();
        client.setTimeout(5_000, 30_000, 30_000);
    }

    public MinioClient client() {
        return client;
    }

    public StorageConfig config() {
        return config;
    }

    /** Creates missing buckets at start; a store that is down now is reported by the readiness check. */
    @Startup
    void createBuckets() {
        try {
            ensureBuckets();
        } catch (Exception e) {
            LOG.warnf("object storage not reachable at start (%s): buckets will be created on first use", e.getMessage());
        }
    }

    /** Blocking: call from a worker thread. */
    public void ensureBuckets() throws Exception {
        for (String bucket : List.of(config.originalsBucket(), config.displayBucket())) {
            if (!client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())) {
                client.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
                LOG.infof("created bucket %s", bucket);
            }
        }
    }

    /** Whether the store answers and our buckets are there; runs the blocking client off the event loop. */
    public Uni<Boolean> reachable() {
        return Uni.createFrom().item(() -> {
                    try {
                        return client.bucketExists(BucketExistsArgs.builder().bucket(config.originalsBucket()).build());
                    } catch (Exception e) {
                        return false;
                    }
                })
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }
}
