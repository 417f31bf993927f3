package cn.gridgov.notify.feed;

import cn.gridgov.common.security.Caller;
import cn.gridgov.common.security.Role;
import cn.gridgov.identity.ClientAddress;
import cn.gridgov.identity.auth.CurrentAccess;
import io.netty.channel.Channel;
import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.quarkus.websockets.next.UserData;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.impl.ConnectionBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Lets a feed connection open only for a known caller within the connection caps: an access token in
 * {@code Authorization: Bearer} ({@code wx.connectSocket} sends headers), verified as every API call's token is
 * and still current for its account ({@link CurrentAccess}), or a one-time ticket in {@code ?ticket=} (browsers
 * cannot send headers; see {@link FeedTickets}). An access token never rides in the URL, where proxies and access
 * logs would record it: {@code ?access_token=} is refused. Without a valid credential the upgrade is refused
 * with 401; over a cap ({@link FeedLimits}) with 429.
 */
@ApplicationScoped
public class FeedAuth implements HttpUpgradeCheck {

    static final UserData.TypedKey<FeedViewer> VIEWER = new UserData.TypedKey<>("gridgov.feed.viewer");
    /** The connection's Netty channel, which the feed writes its frames to directly (see {@link FeedLoop}). */
    static final UserData.TypedKey<Channel> CHANNEL = new UserData.TypedKey<>("gridgov.feed.channel");
    /** Where browsers put their one-time ticket. */
    static final String TICKET_PARAM = "ticket";
    /** Where browsers used to put their access token; refused, so that no token is ever part of a URL. */
    static final String ACCESS_TOKEN_PARAM = "access_token";
    /** Tickets are 43 characters; anything much longer is not one. */
    private static final int MAX_TICKET_LENGTH = 128;

    private final JWTParser parser;
    private final FeedTickets tickets;
    private final FeedLimits limits;
    private final CurrentAccess currentAccess;
    private final ClientAddress clientAddress;

    public FeedAuth(JWTParser parser, FeedTickets tickets, FeedLimits limits, CurrentAccess currentAccess,
                    ClientAddress clientAddress) {
        this.parser = parser;
        this.tickets = tickets;
        this.limits = limits;
        this.currentAccess = currentAccess;
        this.clientAddress = clientAddress;
    }

    @Override
    public Uni<CheckResult> perform(HttpUpgradeContext context) {
        HttpServerRequest request = context.httpRequest();
        return viewer(request).map(viewer -> {
            if (viewer == null) {
                return refuse(401, Map.of("WWW-Authenticate", List.of("Bearer")));
            }
            FeedLimits.Slot slot = limits.take(viewer.userId(), ClientAddress.limitKey(clientAddress.of(request)));
            if (slot == null) {
                return refuse(429, Map.of());
            }
            // an HTTP/1.1 upgrade: the WebSocket keeps the request's connection (Vert.x's, whose channel is public)
            Channel channel = ((ConnectionBase) request.connection()).channel();
            // the slot is given back when the connection ends, however it ends (even if the upgrade fails)
            channel.closeFuture().addListener(closed -> slot.release());
            context.userData().put(VIEWER, viewer);
            context.userData().put(CHANNEL, channel);
            return CheckResult.permitUpgradeSync();
        });
    }

    /** The caller from the Bearer header or the ticket, or null (no credential, a bad one, a token in the URL). */
    private Uni<FeedViewer> viewer(HttpServerRequest request) {
        if (request.params().contains(ACCESS_TOKEN_PARAM)) {
            return Uni.createFrom().nullItem();
        }
        String header = request.getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) && header.length() > 7) {
            JsonWebToken jwt;
            FeedViewer viewer;
            try {
                // signature check of a short token: CPU only, no I/O
                jwt = parser.parse(header.substring(7).trim());
                viewer = viewer(jwt);
            } catch (ParseException | RuntimeException e) {
                return Uni.createFrom().nullItem();
            }
            // and still current: not disabled, logged out or changed since it was issued
            return currentAccess.accepts(jwt).map(current -> current ? viewer : null);
        }
        String ticket = request.getParam(TICKET_PARAM);
        if (ticket == null || ticket.isBlank() || ticket.length() > MAX_TICKET_LENGTH) {
            return Uni.createFrom().nullItem();
        }
        return tickets.redeem(ticket.trim());
    }

    static FeedViewer viewer(JsonWebToken jwt) {
        long userId = Long.parseLong(jwt.getSubject());
        String scope = null;
        Long department = null;
        if (jwt.getGroups() != null && jwt.getGroups().contains(Role.STAFF)) {
            Object path = jwt.getClaim(Caller.REGION_PATH_CLAIM);
            scope = path instanceof JsonString s ? s.getString() : path == null ? null : path.toString();
            Object id = jwt.getClaim(Caller.DEPARTMENT_ID_CLAIM);
            department = id instanceof JsonNumber n ? Long.valueOf(n.longValue())
                    : id == null ? null : Long.valueOf(id.toString());
        }
        return new FeedViewer(userId, scope, Instant.ofEpochSecond(jwt.getExpirationTime()), department);
    }


    private static CheckResult refuse(int status, Map<String, List<String>> headers) {
        return CheckResult.rejectUpgradeSync(status, headers);
    }
}
