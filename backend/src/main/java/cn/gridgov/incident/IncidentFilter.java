package cn.gridgov.incident;

import java.time.Instant;
import java.util.Set;

/**
 * What a list asks for; every part is optional. {@code bbox} is WGS-84 (minLng, minLat, maxLng, maxLat),
 * already converted from the client's coordinate system.
 */
public record IncidentFilter(Set<IncidentStatus> statuses, String categoryCode, IncidentSource source, Long regionId,
                             boolean assignedToMe, Boolean overdue, double[] bbox, Instant from, Instant to,
                             Long beforeId, int limit) {
}
