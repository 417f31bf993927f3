package cn.gridgov.incident;

import cn.gridgov.common.geo.CoordType;
import cn.gridgov.common.paging.CursorPage;
import cn.gridgov.common.security.Actor;
import cn.gridgov.media.IncidentAccess;
import cn.gridgov.media.MediaService;
import cn.gridgov.media.MediaView;
import cn.gridgov.region.RegionRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** Reads of incidents for a caller: only what they may see; anything else looks absent. */
@ApplicationScoped
public class IncidentQueries implements IncidentAccess {

    private final Pool pool;
    private final IncidentRepository incidents;
    private final IncidentSearch search;
    private final MediaService media;
    private final RegionRepository regions;
    private final Clock clock;

    public IncidentQueries(Pool pool, IncidentRepository incidents, IncidentSearch search, MediaService media,
                           RegionRepository regions, Clock clock) {
        this.pool = pool;
        this.regions = regions;
        this.incidents = incidents;
        this.search = search;
        this.media = media;
        this.clock = clock;
    }

    /** The incident with its flow, photos and the actions the caller may take now. */
    public Uni<IncidentView> detail(Actor actor, long id, CoordType coordType) {
        return visible(actor, id).chain(incident -> incidents.flow(pool, id)
                .chain(flow -> media.ofIncident(id, actor.userId(),
                                Visibility.staffScopeCovers(actor, incident.regionPath()), coordType)
                        .map(photos -> IncidentView.of(incident, coordType, now(), Workflow.allowed(incident, actor),
                                flow.stream().map(IncidentView.Flow::of).toList(), photos, null))));
    }

    /** The detail of a just reported incident, with possible duplicates nearby. */
    public Uni<IncidentView> reported(Actor actor, long id, CoordType coordType) {
        return detail(actor, id, coordType).chain(view -> search.duplicatesOf(id, Visibility.of(actor))
                .map(view::withDuplicates));
    }

    /**
     * The answer to a report that has just created its incident, made from what its transaction wrote (as the
     * detail with duplicates, {@link #reported}, would read it back); only its photos, if any, are read.
     */
    public Uni<IncidentView> justReported(Actor actor, ReportService.Reported reported, CoordType coordType) {
        Incident incident = reported.incident();
        Uni<List<MediaView>> photos = reported.withPhotos()
                ? media.ofIncident(incident.id(), actor.userId(),
                        Visibility.staffScopeCovers(actor, incident.regionPath()), coordType)
                : Uni.createFrom().item(List.of());
        return photos.map(found -> IncidentView.of(incident, coordType, now(), Workflow.allowed(incident, actor),
                reported.flow().stream().map(IncidentView.Flow::of).toList(), found, reported.duplicates()));
    }

    public Uni<List<IncidentView.Flow>> flow(Actor actor, long id) {
        return visible(actor, id).chain(incident -> incidents.flow(pool, id))
                .map(flow -> flow.stream().map(IncidentView.Flow::of).toList());
    }

    public Uni<CursorPage<IncidentView>> list(Actor actor, IncidentFilter filter, CoordType coordType) {
        Instant now = now();
        Uni<String> regionPath = filter.regionId() == null ? Uni.createFrom().nullItem()
                : regions.pathOf(pool, filter.regionId());
        return regionPath.chain(path -> search.list(Visibility.of(actor), filter, path, now)).map(found -> {
            CursorPage<Incident> page = CursorPage.of(found, filter.limit(), Incident::id);
            return new CursorPage<>(page.items().stream().map(i -> IncidentView.of(i, coordType, now)).toList(),
                    page.nextCursor());
        });
    }

    /** The incident alone, without flow or photos. */
    public IncidentView bare(Incident incident, CoordType coordType) {
        return IncidentView.of(incident, coordType, now());
    }

    @Override
    public Uni<Boolean> maySee(long incidentId, Actor actor) {
        return incidents.find(pool, incidentId, Visibility.of(actor)).map(i -> i != null);
    }

    private Uni<Incident> visible(Actor actor, long id) {
        return incidents.find(pool, id, Visibility.of(actor)).map(incident -> {
            if (incident == null) {
                throw IncidentProblems.notFound(id);
            }
            return incident;
        });
    }

    private Instant now() {
        return clock.instant();
    }
}
