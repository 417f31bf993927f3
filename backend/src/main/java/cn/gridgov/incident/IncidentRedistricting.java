package cn.gridgov.incident;

import cn.gridgov.incident.supervision.SupervisionRepository;
import cn.gridgov.region.RegionPathCopies;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/**
 * Re-districting: when an import moves nodes, the incidents located below them move along in the import's
 * transaction (path, chain ids, owner, supervising node), so the old scope stops seeing them and the new one
 * sees and handles them. The realtime feed reads an incident's path at each event, so it follows too.
 */
@ApplicationScoped
public class IncidentRedistricting implements RegionPathCopies {

    private final IncidentRepository incidents;
    private final SupervisionRepository supervision;

    public IncidentRedistricting(IncidentRepository incidents, SupervisionRepository supervision) {
        this.incidents = incidents;
        this.supervision = supervision;
    }

    @Override
    public Uni<Void> follow(SqlConnection tx, List<String> movedFrom) {
        return incidents.followRegionMoves(tx, movedFrom)
                .chain(moved -> moved.isEmpty() ? Uni.createFrom().voidItem()
                        : supervision.followMovedIncidents(tx, moved));
    }
}
