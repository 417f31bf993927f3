package cn.gridgov.volunteer.points;

import cn.gridgov.common.time.ApiTime;
import cn.gridgov.region.RegionSql;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Rewards and redemptions, native SQL (a redemption takes stock and spends points in one transaction with the
 * ledger, so rewards are mapped by the SQL client like the ledger, not as an entity). Stock is taken by one
 * conditional UPDATE: it never goes below zero, however many redeem at once.
 */
@ApplicationScoped
public class RewardRepository {

    private static final String SELECT = "SELECT w.id, w.community_id, w.name, w.description, w.cost, w.stock, w.active, "
            + "w.version, w.created_at, " + RegionSql.pathText("wc") + " AS community_path FROM volunteer_reward w"
            + RegionSql.joinNode("wc", "w.community_id");

    /** A reward row and the path of its community. */
    record RewardRow(PointsViews.VolunteerRewardView view, String communityPath) {
    }

    public Uni<Long> insert(SqlClient tx, long communityId, String name, String description, int cost, int stock,
                            long createdBy, Instant now) {
        return tx.preparedQuery("""
                        INSERT INTO volunteer_reward (community_id, name, description, cost, stock, created_by, created_at,
                            updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id""")
                .execute(Tuple.from(Arrays.asList(communityId, name, description, cost, stock, createdBy,
                        now.atOffset(ZoneOffset.UTC))))
                .map(rows -> rows.iterator().next().getLong("id"));
    }

    public Uni<Optional<RewardRow>> find(SqlClient db, long id) {
        return db.preparedQuery(SELECT + " WHERE w.id = $1").execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(row(rows.iterator().next())));
    }

    /** Rewards of communities within {@code scope} (or of {@code communityId} alone when scope is null), by id. */
    public Uni<List<PointsViews.VolunteerRewardView>> list(SqlClient db, String scope, Long communityId, boolean activeOnly,
                                                           long afterId, int limit) {
        return db.preparedQuery(SELECT + " WHERE ($1::text IS NULL OR " + RegionSql.within("wc", "$1") + ")"
                        + " AND ($2::bigint IS NULL OR w.community_id = $2) AND (NOT $3 OR w.active)"
                        + " AND w.id > $4 ORDER BY w.id LIMIT $5")
                .execute(Tuple.from(Arrays.asList(scope, communityId, activeOnly, afterId, limit)))
                .map(rows -> {
                    List<PointsViews.VolunteerRewardView> out = new ArrayList<>();
                    rows.forEach(r -> out.add(row(r).view()));
                    return out;
                });
    }

    /** Takes one of an active reward of {@code communityId} from stock; answers its cost and name, empty when none is left. */
    public Uni<Optional<Taken>> take(SqlClient tx, long id, long communityId, Instant now) {
        return tx.preparedQuery("""
                        UPDATE volunteer_reward SET stock = stock - 1, updated_at = $3
                        WHERE id = $1 AND community_id = $2 AND active AND stock > 0 RETURNING cost, name""")
                .execute(Tuple.of(id, communityId, now.atOffset(ZoneOffset.UTC)))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(new Taken(
                        rows.iterator().next().getInteger("cost"), rows.iterator().next().getString("name"))));
    }

    /** What a redemption took. */
    record Taken(int cost, String name) {
    }

    public Uni<Boolean> restock(SqlClient tx, long id, int add, Instant now) {
        return tx.preparedQuery("UPDATE volunteer_reward SET stock = stock + $2, version = version + 1, updated_at = $3 "
                        + "WHERE id = $1").execute(Tuple.of(id, add, now.atOffset(ZoneOffset.UTC)))
                .map(rows -> rows.rowCount() == 1);
    }

    public Uni<Long> insertRedemption(SqlClient tx, long rewardId, long volunteerId, int cost, Instant now) {
        return tx.preparedQuery("INSERT INTO volunteer_redemption (reward_id, volunteer_id, cost, created_at) "
                        + "VALUES ($1, $2, $3, $4) RETURNING id")
                .execute(Tuple.of(rewardId, volunteerId, cost, now.atOffset(ZoneOffset.UTC)))
                .map(rows -> rows.iterator().next().getLong("id"));
    }

    private static RewardRow row(Row r) {
        return new RewardRow(new PointsViews.VolunteerRewardView(r.getLong("id"), r.getLong("community_id"),
                r.getString("name"), r.getString("description"), r.getInteger("cost"), r.getInteger("stock"),
                r.getBoolean("active"), r.getInteger("version"), ApiTime.of(r.getOffsetDateTime("created_at").toInstant())),
                r.getString("community_path"));
    }
}
