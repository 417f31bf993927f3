package cn.gridgov.media;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

/** Queries on uploaded media. */
@ApplicationScoped
public class MediaRepository implements PanacheRepositoryBase<Media, UUID> {

    public Uni<List<Media>> ofIncident(long incidentId) {
        return list("incidentId = ?1 order by createdAt", incidentId);
    }
}
