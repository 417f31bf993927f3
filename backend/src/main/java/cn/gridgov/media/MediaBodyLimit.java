package cn.gridgov.media;

import cn.gridgov.common.web.BodySizeLimit;
import cn.gridgov.common.web.ByteSize;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The body limit of photo uploads, {@code gridgov.media.max-bytes} plus room for the multipart framing,
 * checked on the declared length before the body is read (phones on slow networks should not send 50 MB only
 * to be refused) and counted while a body sent without one is written to disk.
 */
@ApplicationScoped
public class MediaBodyLimit {

    /** Room for the multipart framing and the small form fields wx.uploadFile adds. */
    static final long MULTIPART_SLACK = 64 * 1024;

    private final MediaConfig config;
    private final ObjectMapper json;
    private final String uploadsDirectory;

    public MediaBodyLimit(MediaConfig config, ObjectMapper json,
                          @ConfigProperty(name = "quarkus.http.body.uploads-directory") String uploadsDirectory) {
        this.config = config;
        this.json = json;
        this.uploadsDirectory = uploadsDirectory;
    }

    void install(@Observes Router router) {
        String max = ByteSize.human(config.maxBytes());
        BodySizeLimit.limitUploadRoute(router, HttpMethod.POST, "/api/v1/media", config.maxBytes() + MULTIPART_SLACK,
                uploadsDirectory, json, new BodySizeLimit.Refusal("MEDIA_TOO_LARGE", "图片过大，不能超过 " + max,
                        "The image is too large (at most " + max + ")"));
    }
}
