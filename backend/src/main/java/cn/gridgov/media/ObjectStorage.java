package cn.gridgov.media;

import io.minio.BucketExistsArgs;
import io.minio.GetPresignedObjectUrlArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.http.Method;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.ByteArrayInputStream;
import java.util.List;

/**
 * The S3 object store: owns the MinIO client and makes sure our buckets exist. The client is blocking:
 * the methods marked so must run on a worker thread.
 */
@ApplicationScoped
public class ObjectStorage {

    private static final Logger LOG = Logger.getLogger(ObjectStorage.class);

    private final StorageConfig config;
    private final MinioClient client;
    private final MinioClient signer;
    private volatile boolean bucketsReady;

    public ObjectStorage(StorageConfig config) {
        this.config = config;
        this.client = MinioClient.builder()
                .endpoint(config.endpoint())
                .credentials(config.accessKey(), config.secretKey())
                .region(config.region())
                .build();
        client.setTimeout(5_000, 30_000, 30_000);
        // signing is local arithmetic once the region is known; a second client only changes the host signed for
        this.signer = config.publicEndpoint().isEmpty() ? client : MinioClient.builder()
                .endpoint(config.publicEndpoint().get())
                .credentials(config.accessKey(), config.secretKey())
                .region(config.region())
                .build();
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
        bucketsReady = true;
    }

    /** Stores one object, creating the buckets first if the start could not. Blocking: call from a worker thread. */
    public void put(String bucket, String key, byte[] content, String contentType) throws Exception {
        if (!bucketsReady) {
            ensureBuckets();
        }
        client.putObject(PutObjectArgs.builder()
                .bucket(bucket)
                .object(key)
                .contentType(contentType)
                .stream(new ByteArrayInputStream(content), content.length, -1)
                .build());
    }

    /** Removes one object; absent objects are fine. Blocking: call from a worker thread. */
    public void remove(String bucket, String key) throws Exception {
        client.removeObject(RemoveObjectArgs.builder().bucket(bucket).object(key).build());
    }

    /** A GET URL valid for {@code presign-seconds}; signed locally, no call to the store. */
    public String presignedGet(String bucket, String key) {
        try {
            return signer.getPresignedObjectUrl(GetPresignedObjectUrlArgs.builder()
                    .method(Method.GET)
                    .bucket(bucket)
                    .object(key)
                    .expiry(config.presignSeconds())
                    .build());
        } catch (Exception e) {
            throw new IllegalStateException("cannot sign a URL for " + bucket + "/" + key, e);
        }
    }

    /**
     * Whether the store answers and our buckets are there; runs the blocking client off the event loop. When the
     * start could not create the buckets (the store was down), they are created here once it answers, so that
     * readiness comes back by itself instead of waiting for an upload that a not-ready instance never receives.
     */
    public Uni<Boolean> reachable() {
        return Uni.createFrom().item(() -> {
                    try {
                        if (!bucketsReady) {
                            ensureBuckets();
                        }
                        return client.bucketExists(BucketExistsArgs.builder().bucket(config.originalsBucket()).build());
                    } catch (Exception e) {
                        LOG.debugf("object storage not reachable: %s", e.toString());
                        return false;
                    }
                })
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }
}
