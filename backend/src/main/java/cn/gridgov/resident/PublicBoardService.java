package cn.gridgov.resident;

import cn.gridgov.common.geo.CoordType;
import cn.gridgov.common.geo.LngLat;
import cn.gridgov.common.paging.CursorPage;
import cn.gridgov.common.ratelimit.RateLimiter;
import cn.gridgov.common.time.ApiTime;
import cn.gridgov.incident.RatingConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The public board: closed public incidents without personal data, and totals per town and community. */
@ApplicationScoped
public class PublicBoardService {

    private final Pool pool;
    private final PublicBoardRepository board;
    private final RateLimiter limiter;
    private final PublicBoardConfig config;
    private final RatingConfig rating;
    private final Clock clock;

    public PublicBoardService(Pool pool, PublicBoardRepository board, RateLimiter limiter, PublicBoardConfig config,
                              RatingConfig rating, Clock clock) {
        this.pool = pool;
        this.board = board;
        this.limiter = limiter;
        this.config = config;
        this.rating = rating;
        this.clock = clock;
    }

    /** Counts a request of {@code address} against its limit: 429 with Retry-After beyond it. */
    public Uni<Void> admit(String address) {
        return limiter.admit("public-board:" + address, config.requestsPerAddress(), config.window(),
                "TOO_MANY_BOARD_REQUESTS", "访问过于频繁，请稍后再试", "Too many requests; please try again later");
    }

    public Uni<CursorPage<PublicIncidentView>> incidents(PublicBoardRepository.Filter filter, CoordType coordType) {
        return board.page(pool, filter).map(found -> CursorPage.of(
                found.stream().map(s -> view(s, coordType)).toList(), filter.limit(), PublicIncidentView::id));
    }

    public Uni<PublicStatsView> stats(Long townId, Instant from, Instant to) {
        Instant expiredBefore = clock.instant().minus(rating.window());
        return board.totals(pool, townId, from, to, expiredBefore).map(rows -> {
            List<PublicStatsView.Town> towns = new ArrayList<>();
            List<PublicStatsView.Community> communities = null;
            for (PublicBoardRepository.Totals row : rows) {
                if (row.communityId() == null) {
                    communities = new ArrayList<>();
                    towns.add(new PublicStatsView.Town(row.townId(), row.townName(), totals(row), communities));
                } else if (communities != null) {
                    communities.add(new PublicStatsView.Community(row.communityId(), row.communityName(), totals(row)));
                }
            }
            return new PublicStatsView(ApiTime.of(from), ApiTime.of(to), towns);
        });
    }

    private PublicStatsView.Totals totals(PublicBoardRepository.Totals t) {
        long satisfied = t.satisfied();
        long rated = t.rated();
        if (rating.unratedCountsSatisfied()) {
            satisfied += t.unratedExpired();
            rated += t.unratedExpired();
        }
        return new PublicStatsView.Totals(t.received(), t.closed(), share(t.onTime(), t.done()), t.rated(),
                share(satisfied, rated));
    }

    private static Double share(long part, long whole) {
        return whole == 0 ? null : Math.round(part * 10_000.0 / whole) / 10_000.0;
    }

    private static PublicIncidentView view(PublicBoardRepository.Shown s, CoordType coordType) {
        PublicIncidentView.Position position = null;
        if (s.lng() != null && s.lat() != null) {
            LngLat p = coordType.fromWgs84(new LngLat(s.lng(), s.lat()));
            position = new PublicIncidentView.Position(round(p.lng()), round(p.lat()), coordType.name().toLowerCase());
        }
        return new PublicIncidentView(s.id(), s.categoryCode(), s.categoryName(),
                PublicBoard.REQUESTS.contains(s.source()) ? PublicIncidentView.Kind.REQUEST
                        : PublicIncidentView.Kind.STAFF_REPORT,
                s.status(), PublicBoard.scrub(s.description(), s.nickname()),
                PublicBoard.reporter(s.source(), s.anonymous(), s.nickname()), place(s.townId(), s.townName()),
                place(s.communityId(), s.communityName()), place(s.compoundId(), s.compoundName()), position,
                ApiTime.of(s.reportedAt()), ApiTime.of(s.closedAt()),
                s.closedAt() == null ? null : !s.closedAt().isAfter(s.deadlineAt()), s.rating());
    }

    private static PublicIncidentView.Place place(Long id, String name) {
        return id == null ? null : new PublicIncidentView.Place(id, name);
    }

    /** Five decimals (about a metre): the compound's point needs no more. */
    private static double round(double degrees) {
        return Math.round(degrees * 100_000.0) / 100_000.0;
    }
}
