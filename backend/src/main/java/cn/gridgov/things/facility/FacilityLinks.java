package cn.gridgov.things.facility;

import cn.gridgov.common.error.Unprocessable;
import cn.gridgov.common.security.Actor;
import cn.gridgov.region.Location;
import cn.gridgov.region.RegionLevel;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Ties a report to the facility it names, inside the report's transaction: the facility must exist, not be
 * removed, and lie in the community the report was located in (otherwise 422, and the report is not written).
 */
@ApplicationScoped
public class FacilityLinks {

    private final FacilityRepository facilities;

    public FacilityLinks(FacilityRepository facilities) {
        this.facilities = facilities;
    }

    /** Links {@code incidentId} to {@code facilityId} (nothing when it is null); {@code chain} is the report's. */
    public Uni<Void> link(SqlClient tx, Long facilityId, long incidentId, List<Location.Node> chain, Instant now) {
        if (facilityId == null) {
            return Uni.createFrom().voidItem();
        }
        int community = chain.size() - 1;
        for (int i = 0; i < chain.size(); i++) {
            if (chain.get(i).level() == RegionLevel.COMMUNITY) {
                community = i;
            }
        }
        String area = chain.subList(0, community + 1).stream().map(n -> Long.toString(n.id()))
                .collect(Collectors.joining("."));
        return facilities.findAnywhere(tx, facilityId).chain(f -> {
            if (f == null || f.state() == FacilityState.REMOVED || !Actor.within(f.regionPath(), area)) {
                throw new Unprocessable("FACILITY_NOT_HERE", "所选部件不存在、已拆除或不在上报位置所在社区：" + facilityId,
                        "The named facility does not exist, was removed or is not in the reported place's community: "
                                + facilityId);
            }
            return facilities.linkIncident(tx, facilityId, incidentId, now);
        });
    }
}
