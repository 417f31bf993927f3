package cn.gridgov.media;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Optional;

/** Where photos and other objects are stored: an S3 endpoint (MinIO in production, S3Proxy locally). */
@ConfigMapping(prefix = "gridgov.s3")
public interface StorageConfig {

    /** The S3 endpoint URL. */
    @WithDefault("http://127.0.0.1:9000")
    String endpoint();

    /**
     * The endpoint clients reach, when it differs from {@link #endpoint()} (e.g. the server talks to
     * MinIO inside the cluster, phones through a public host): presigned URLs are signed for it.
     */
    Optional<String> publicEndpoint();

    /** The access key. */
    String accessKey();

    /** The secret key. */
    String secretKey();

    /** The region name sent with signed requests; S3-compatible servers accept any. */
    @WithDefault("us-east-1")
    String region();

    /** The private bucket holding originals as uploaded (with EXIF). */
    @WithDefault("gridgov-originals")
    String originalsBucket();

    /** The bucket holding EXIF-stripped display copies and thumbnails. */
    @WithDefault("gridgov-display")
    String displayBucket();

    /** How long a presigned URL stays valid, in seconds. */
    @WithDefault("600")
    int presignSeconds();
}
