package cn.gridgov.notify;

import cn.gridgov.common.time.ApiTime;
import cn.gridgov.incident.FlowEntry;
import cn.gridgov.incident.IncidentAction;
import cn.gridgov.incident.IncidentRepository;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * One realtime event: a flow row with what the feed filters on (where the incident lies, who reported it,
 * who holds it). {@code id} is the flow row's id, so a client that reconnects with the last id it saw
 * gets the rows after it.
 */
public record IncidentEvent(long id, EventType type, long incidentId, IncidentAction action, String fromStatus,
                            String status, String regionPath, Long ownerRegionId, Long assigneeId, long reporterId,
                            long actorId, String actorRole, String categoryName, String comment, Instant at,
                            List<Long> departmentIds) {

    /** An event of an incident called to no department. */
    public IncidentEvent(long id, EventType type, long incidentId, IncidentAction action, String fromStatus,
                         String status, String regionPath, Long ownerRegionId, Long assigneeId, long reporterId,
                         long actorId, String actorRole, String categoryName, String comment, Instant at) {
        this(id, type, incidentId, action, fromStatus, status, regionPath, ownerRegionId, assigneeId, reporterId,
                actorId, actorRole, categoryName, comment, at, List.of());
    }

    /** The event of a flow row (without its comment: only messages word it). */
    static IncidentEvent of(IncidentRepository.FlowEvent e) {
        FlowEntry f = e.entry();
        return new IncidentEvent(f.id(), EventType.of(f.action()), f.incidentId(), f.action(),
                f.from() == null ? null : f.from().name(), f.to().name(), e.regionPath(), f.ownerRegionId(),
                f.assigneeId(), e.reporterId(), f.actorId(), f.actorRole(), e.categoryName(), null, f.at(),
                e.departmentIds());
    }

    /** As clients receive it. */
    public JsonObject toJson() {
        return new JsonObject()
                .put("id", id)
                .put("type", type.key())
                .put("incidentId", incidentId)
                .put("action", action.name())
                .put("fromStatus", fromStatus)
                .put("status", status)
                .put("regionPath", regionPath)
                .put("ownerRegionId", ownerRegionId)
                .put("assigneeId", assigneeId)
                .put("actorRole", actorRole)
                .put("categoryName", categoryName)
                .put("at", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(ApiTime.of(at)));
    }

    /** As it crosses replicas (NOTIFY payload): the client's form plus what the feed filters on. */
    JsonObject toWire() {
        return toJson().put("reporterId", reporterId).put("actorId", actorId)
                .put("departmentIds", new JsonArray(List.copyOf(departmentIds)));
    }

    static IncidentEvent fromWire(JsonObject json) {
        IncidentAction action = IncidentAction.valueOf(json.getString("action"));
        return new IncidentEvent(json.getLong("id"), EventType.of(action), json.getLong("incidentId"), action,
                json.getString("fromStatus"), json.getString("status"), json.getString("regionPath"),
                json.getLong("ownerRegionId"), json.getLong("assigneeId"), json.getLong("reporterId"),
                json.getLong("actorId"), json.getString("actorRole"), json.getString("categoryName"), null,
                OffsetDateTime.parse(json.getString("at")).toInstant(), departmentIds(json.getJsonArray("departmentIds")));
    }

    private static List<Long> departmentIds(JsonArray ids) {
        List<Long> out = new ArrayList<>();
        if (ids != null) {
            for (int i = 0; i < ids.size(); i++) {
                out.add(ids.getLong(i));
            }
        }
        return List.copyOf(out);
    }

    IncidentEvent withComment(String text) {
        return new IncidentEvent(id, type, incidentId, action, fromStatus, status, regionPath, ownerRegionId,
                assigneeId, reporterId, actorId, actorRole, categoryName, text, at, departmentIds);
    }
}
