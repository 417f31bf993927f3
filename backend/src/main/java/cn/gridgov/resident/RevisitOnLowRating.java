package cn.gridgov.resident;

import cn.gridgov.incident.FlowEntry;
import cn.gridgov.incident.IncidentAction;
import cn.gridgov.incident.IncidentChangeListener;
import cn.gridgov.incident.IncidentRepository.FlowEvent;
import cn.gridgov.incident.RatingConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * In the transaction of a rating: a rating of {@link RatingConfig#revisitAtOrBelow()} stars or fewer opens the
 * incident's one revisit task (回访) for its community, due after {@link RatingConfig#revisitDeadline()}.
 */
@ApplicationScoped
public class RevisitOnLowRating implements IncidentChangeListener {

    private final RevisitRepository revisits;
    private final RatingConfig config;

    public RevisitOnLowRating(RevisitRepository revisits, RatingConfig config) {
        this.revisits = revisits;
        this.config = config;
    }

    @Override
    public Uni<Void> recorded(SqlClient tx, FlowEvent event) {
        FlowEntry entry = event.entry();
        if (entry.action() != IncidentAction.RATE) {
            return Uni.createFrom().voidItem();
        }
        return revisits.openIfRatedLow(tx, entry.incidentId(), config.revisitAtOrBelow(),
                entry.at().plus(config.revisitDeadline()), entry.at());
    }
}
