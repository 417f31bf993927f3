package cn.gridgov.notify.feed;

import cn.gridgov.incident.Visibility;
import cn.gridgov.notify.IncidentEvent;

import java.time.Instant;

/**
 * Who is connected to the feed, from their verified token: they receive the events of the incidents
 * {@link Visibility} lets them see (the same rule as incident reads), as the event's row says.
 */
public record FeedViewer(long userId, String scopePath, Instant expiresAt, Long departmentId) {

    /** A viewer that is not department staff. */
    public FeedViewer(long userId, String scopePath, Instant expiresAt) {
        this(userId, scopePath, expiresAt, null);
    }

    /** What this viewer may see. */
    public Visibility visibility() {
        return new Visibility(userId, scopePath, departmentId);
    }

    public boolean sees(IncidentEvent event) {
        return visibility().sees(event.reporterId(), event.assigneeId(), event.regionPath(), event.departmentIds());
    }
}
