package cn.gridgov.media;

import cn.gridgov.common.security.Actor;
import io.smallrye.mutiny.Uni;

/** Whether a caller may see an incident (and so its photos); implemented by the incident package. */
public interface IncidentAccess {

    Uni<Boolean> maySee(long incidentId, Actor actor);
}
