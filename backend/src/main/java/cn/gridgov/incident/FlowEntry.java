package cn.gridgov.incident;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One row of an incident's append-only flow: who did what, from which state to which, with what. */
public record FlowEntry(Long id, long incidentId, IncidentAction action, IncidentStatus from, IncidentStatus to,
                        long actorId, String actorRole, String comment, List<UUID> mediaIds, Long assigneeId,
                        Long ownerRegionId, Instant at) {
}
