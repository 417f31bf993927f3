package cn.gridgov.volunteer.task;

import cn.gridgov.common.security.Actor;
import cn.gridgov.media.ReportPhotoAccess;
import cn.gridgov.region.RegionSql;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/** Who may see a completion report's photos besides their uploader: staff with the task's community in scope. */
@ApplicationScoped
public class ClaimPhotos implements ReportPhotoAccess {

    private final Pool pool;

    public ClaimPhotos(Pool pool) {
        this.pool = pool;
    }

    @Override
    public Uni<Boolean> maySee(UUID mediaId, Actor actor) {
        if (!actor.isStaff() || actor.scopePath() == null) {
            return Uni.createFrom().item(false);
        }
        return pool.preparedQuery("SELECT EXISTS (SELECT 1 FROM media m JOIN volunteer_claim c ON c.id = m.volunteer_claim_id "
                        + "JOIN volunteer_task t ON t.id = c.task_id" + RegionSql.joinNode("tc", "t.community_id")
                        + "WHERE m.id = $1 AND " + RegionSql.within("tc", "$2") + ") AS visible")
                .execute(Tuple.of(mediaId, actor.scopePath())).map(rows -> rows.iterator().next().getBoolean("visible"));
    }
}
