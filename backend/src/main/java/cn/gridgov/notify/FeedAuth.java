package cn.gridgov.notify;

import cn.gridgov.identity.Caller;
import cn.gridgov.identity.CurrentAccess;
import cn.gridgov.identity.Role;
import io.netty.channel.Channel;
import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.quarkus.websockets.next.UserData;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.impl.ConnectionBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonString;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Lets a feed connection open only with a valid access token, verified as every API call's token is: from
 * {@code Authorization: Bearer} ({@code wx.connectSocket} sends headers) or {@code ?access_token=} (browsers
 * cannot), and still current for its account ({@link CurrentAccess}). Anything else is refused with 401 before
 * the upgrade.
 */
@ApplicationScoped
public class FeedAuth implements HttpUpgradeCheck {

    static final UserData.TypedKey<FeedViewer> VIEWER = new UserData.TypedKey<>("gridgov.feed.viewer");
    /** The connection's Netty channel, which the feed writes its frames to directly (see {@link FeedLoop}). */
    static final UserData.TypedKey<Channel> CHANNEL = new UserData.TypedKey<>("gridgov.feed.channel");

    private final JWTParser parser;
    private final CurrentAccess currentAccess;

    public FeedAuth(JWTParser parser, CurrentAccess currentAccess) {
        this.parser = parser;
        this.currentAccess = currentAccess;
    }

    @Override
    public Uni<CheckResult> perform(HttpUpgradeContext context) {
        String token = token(context.httpRequest());
        if (token == null) {
            return refuse();
        }
        JsonWebToken jwt;
        FeedViewer viewer;
        try {
            // signature check of a short token: CPU only, no I/O
            jwt = parser.parse(token);
            viewer = viewer(jwt);
        } catch (ParseException | RuntimeException e) {
            return refuse();
        }
        return currentAccess.accepts(jwt).flatMap(current -> {
            if (!current) {
                return refuse();
            }
            context.userData().put(VIEWER, viewer);
            // an HTTP/1.1 upgrade: the WebSocket keeps the request's connection (Vert.x's, whose channel is public)
            context.userData().put(CHANNEL, ((ConnectionBase) context.httpRequest().connection()).channel());
            return CheckResult.permitUpgrade();
        });
    }

    static FeedViewer viewer(JsonWebToken jwt) {
        long userId = Long.parseLong(jwt.getSubject());
        String scope = null;
        if (jwt.getGroups() != null && jwt.getGroups().contains(Role.STAFF)) {
            Object path = jwt.getClaim(Caller.REGION_PATH_CLAIM);
            scope = path instanceof JsonString s ? s.getString() : path == null ? null : path.toString();
        }
        return new FeedViewer(userId, scope, Instant.ofEpochSecond(jwt.getExpirationTime()));
    }

    private static String token(HttpServerRequest request) {
        String header = request.getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) && header.length() > 7) {
            return header.substring(7).trim();
        }
        String query = request.getParam("access_token");
        return query == null || query.isBlank() ? null : query.trim();
    }

    private static Uni<CheckResult> refuse() {
        return CheckResult.rejectUpgrade(401, Map.of("WWW-Authenticate", List.of("Bearer")));
    }
}
