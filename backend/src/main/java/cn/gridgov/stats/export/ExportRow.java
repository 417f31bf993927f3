package cn.gridgov.stats.export;

import cn.gridgov.incident.IncidentSource;
import cn.gridgov.incident.IncidentStatus;

import java.time.OffsetDateTime;

/**
 * One incident as exported: region names instead of ids, times in Asia/Shanghai, the position in the system
 * asked for, and the reporter's name and phone already masked (or in full, for an audited reveal).
 */
public record ExportRow(long id, IncidentStatus status, String categoryCode, String categoryName,
                        IncidentSource source, String townName, String communityName, String compoundName,
                        OffsetDateTime reportedAt, OffsetDateTime deadlineAt, OffsetDateTime closedAt, boolean overdue,
                        String description, double lng, double lat, String reporterName, String reporterPhone,
                        Integer rating) {
}
