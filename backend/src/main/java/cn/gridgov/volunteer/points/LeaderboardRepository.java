package cn.gridgov.volunteer.points;

import cn.gridgov.identity.personal.PersonalData;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;

/**
 * Leaderboards, ranked by points earned (credits and corrections, from the ledger's derived totals; spending does not
 * lower a rank). Names come out masked: other volunteers read them.
 */
@ApplicationScoped
public class LeaderboardRepository {

    /** The top {@code limit} volunteers of a community by points earned. */
    public Uni<List<PointsViews.VolunteerLeaderboardEntry>> topOfCommunity(SqlClient db, long communityId, int limit) {
        return top(db, "v.community_id = $1", communityId, limit);
    }

    /** The top {@code limit} Party-member volunteers whose home organisation is {@code orgId}. */
    public Uni<List<PointsViews.VolunteerLeaderboardEntry>> topOfPartyOrg(SqlClient db, long orgId, int limit) {
        return top(db, "v.party_member_id IN (SELECT pm.id FROM party_member pm WHERE pm.org_id = $1)", orgId, limit);
    }

    private Uni<List<PointsViews.VolunteerLeaderboardEntry>> top(SqlClient db, String where, long id, int limit) {
        return db.preparedQuery("SELECT rank() OVER (ORDER BY vt.earned DESC)::int AS rank, v.id, v.name, vt.earned "
                        + "FROM volunteer v JOIN volunteer_points_total vt ON vt.volunteer_id = v.id WHERE " + where
                        + " AND v.status = 'ACTIVE' ORDER BY vt.earned DESC, v.id LIMIT $2")
                .execute(Tuple.of(id, limit)).map(rows -> {
                    List<PointsViews.VolunteerLeaderboardEntry> out = new ArrayList<>();
                    rows.forEach(r -> out.add(new PointsViews.VolunteerLeaderboardEntry(r.getInteger("rank"), r.getLong("id"),
                            PersonalData.maskName(r.getString("name")), r.getInteger("earned"))));
                    return out;
                });
    }
}
