package cn.gridgov.incident.supervision;

import cn.gridgov.incident.IncidentStatus;
import cn.gridgov.incident.deadline.DeadlineUnit;

import java.time.Instant;

/** An open incident whose clock runs, with what supervision has done to it so far. */
record SupervisionCandidate(long id, IncidentStatus status, Instant reportedAt, Instant deadlineAt, long ownerRegionId,
                            String ownerPath, Long assigneeId, int deadlineAmount, DeadlineUnit deadlineUnit,
                            Instant warnedAt, Instant overdueAt, int level, String supervisorPath,
                            Instant escalatedAt) {
}
