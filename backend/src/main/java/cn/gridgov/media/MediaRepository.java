package cn.gridgov.media;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

/** Queries on uploaded media. */
@ApplicationScoped
public class MediaRepository implements PanacheRepositoryBase<Media, UUID> {

    /**
     * Attaches the uploader's unattached media to an incident in one statement (two reports racing for
     * the same photo cannot both win); answers how many rows were attached.
     */
    public Uni<Integer> attach(Collection<UUID> ids, long incidentId, long uploaderId) {
        return update("incidentId = ?1 where id in ?2 and uploaderId = ?3 and (incidentId is null or incidentId = ?1)",
                incidentId, ids, uploaderId);
    }

    public Uni<List<Media>> ofIncident(long incidentId) {
        return list("incidentId = ?1 order by createdAt", incidentId);
    }
}
