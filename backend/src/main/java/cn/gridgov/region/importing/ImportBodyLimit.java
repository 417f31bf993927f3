package cn.gridgov.region.importing;

import cn.gridgov.common.web.BodySizeLimit;
import cn.gridgov.common.web.ByteSize;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The one route allowed a large body: a county's region import, up to {@code quarkus.http.limits.max-body-size}.
 * The body is streamed on (not held here); Quarkus cuts a chunked one off at that size.
 */
@ApplicationScoped
public class ImportBodyLimit {

    private final MemorySize maxBodySize;
    private final ObjectMapper json;

    public ImportBodyLimit(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBodySize,
                           ObjectMapper json) {
        this.maxBodySize = maxBodySize;
        this.json = json;
    }

    void install(@Observes Router router) {
        long limit = maxBodySize.asLongValue();
        String max = ByteSize.human(limit);
        BodySizeLimit.limitStreamedRoute(router, HttpMethod.POST, "/api/v1/regions/import", limit, json,
                new BodySizeLimit.Refusal("PAYLOAD_TOO_LARGE", "导入文件过大，不能超过 " + max,
                        "The import file is too large (at most " + max + ")"));
    }
}
