package cn.gridgov.notify;

import cn.gridgov.incident.Workflow;

import java.time.Instant;

/**
 * Who is connected to the feed, from their verified token: staff see events of incidents located in their
 * node's subtree; everyone sees the incidents they reported or hold (the same rule as incident reads).
 */
public record FeedViewer(long userId, String scopePath, Instant expiresAt) {

    public boolean sees(IncidentEvent event) {
        return event.reporterId() == userId
                || (event.assigneeId() != null && event.assigneeId() == userId)
                || (scopePath != null && Workflow.contains(scopePath, event.regionPath()));
    }
}
