package cn.gridgov.media;

import cn.gridgov.common.web.BodySizeLimit;
import cn.gridgov.common.web.ByteSize;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Refuses a photo upload whose declared length is clearly over {@code gridgov.media.max-bytes} before
 * reading it: the general body limit is much larger (region imports), and phones on slow networks should
 * not send 50 MB only to be refused.
 */
@ApplicationScoped
public class MediaBodyLimit {

    /** Room for the multipart framing and the small form fields wx.uploadFile adds. */
    static final long MULTIPART_SLACK = 64 * 1024;

    private final MediaConfig config;
    private final ObjectMapper json;

    public MediaBodyLimit(MediaConfig config, ObjectMapper json) {
        this.config = config;
        this.json = json;
    }

    void install(@Observes Router router) {
        router.route(HttpMethod.POST, "/api/v1/media").order(BodySizeLimit.ROUTE_ORDER).handler(ctx -> {
            if (BodySizeLimit.declaredLength(ctx) > config.maxBytes() + MULTIPART_SLACK) {
                String max = ByteSize.human(config.maxBytes());
                BodySizeLimit.refuse(ctx, json, "MEDIA_TOO_LARGE", "图片过大，不能超过 " + max,
                        "The image is too large (at most " + max + ")");
            } else {
                ctx.next();
            }
        });
    }
}
