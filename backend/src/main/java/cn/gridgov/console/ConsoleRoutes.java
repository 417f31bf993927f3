package cn.gridgov.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The routes of the dispatch console besides its static files (bundled into META-INF/resources/console/ by
 * backend/console at build time): {@code /console} redirects to {@code /console/}, and {@code /console/config.json}
 * tells the page where the API is and which base map to draw. Plain routes, not API operations: the page uses
 * only the public API.
 */
@ApplicationScoped
public class ConsoleRoutes {

    private final String configJson;

    public ConsoleRoutes(ConsoleConfig config, ObjectMapper json) {
        ObjectNode node = json.createObjectNode();
        node.put("apiBase", "");
        node.put("baseMapUrl", config.baseMapUrl().orElse(null));
        node.put("baseMapAttribution", config.baseMapAttribution().orElse(null));
        this.configJson = node.toString();
    }

    void install(@Observes Router router) {
        // Vert.x matches "/console" for "/console/" too: only the bare path is redirected
        router.get("/console").handler(ctx -> {
            if ("/console".equals(ctx.normalizedPath())) {
                ctx.redirect("/console/");
            } else {
                ctx.next();
            }
        });
        router.get("/console/config.json").handler(ctx -> ctx.response()
                .putHeader("Content-Type", "application/json; charset=utf-8")
                .putHeader("Cache-Control", "no-cache")
                .end(configJson));
    }
}
