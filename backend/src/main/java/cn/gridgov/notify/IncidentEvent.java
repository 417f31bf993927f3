package cn.gridgov.notify;

import cn.gridgov.common.time.ApiTime;
import cn.gridgov.incident.IncidentAction;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

/**
 * One realtime event: a flow row with what the feed filters on (where the incident lies, who reported it,
 * who holds it). {@code id} is the flow row's id, so a client that reconnects with the last id it saw
 * gets the rows after it.
 */
public record IncidentEvent(long id, EventType type, long incidentId, IncidentAction action, String fromStatus,
                            String status, String regionPath, Long ownerRegionId, Long assigneeId, long reporterId,
                            long actorId, String actorRole, String categoryName, String comment, Instant at) {

    /** The columns {@link #of(Row)} reads; {@code f} is the flow row, {@code i} its incident. */
    static final String SELECT = """
            SELECT f.id, f.incident_id, f.action, f.from_status, f.to_status, f.actor_id, f.actor_role, f.comment,
                   f.assignee_id, f.owner_region_id, f.at, i.reporter_id, ltree2text(i.region_path) AS region_path,
                   c.name AS category_name
            FROM incident_flow f JOIN incident i ON i.id = f.incident_id
                 JOIN incident_category c ON c.id = i.category_id
            """;

    static IncidentEvent of(Row r) {
        IncidentAction action = IncidentAction.valueOf(r.getString("action"));
        OffsetDateTime at = r.getOffsetDateTime("at");
        return new IncidentEvent(r.getLong("id"), EventType.of(action), r.getLong("incident_id"), action,
                r.getString("from_status"), r.getString("to_status"), r.getString("region_path"),
                r.getLong("owner_region_id"), r.getLong("assignee_id"), r.getLong("reporter_id"),
                r.getLong("actor_id"), r.getString("actor_role"), r.getString("category_name"), null,
                at.toInstant());
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
        return toJson().put("reporterId", reporterId).put("actorId", actorId);
    }

    static IncidentEvent fromWire(JsonObject json) {
        IncidentAction action = IncidentAction.valueOf(json.getString("action"));
        return new IncidentEvent(json.getLong("id"), EventType.of(action), json.getLong("incidentId"), action,
                json.getString("fromStatus"), json.getString("status"), json.getString("regionPath"),
                json.getLong("ownerRegionId"), json.getLong("assigneeId"), json.getLong("reporterId"),
                json.getLong("actorId"), json.getString("actorRole"), json.getString("categoryName"), null,
                OffsetDateTime.parse(json.getString("at")).toInstant());
    }

    IncidentEvent withComment(String text) {
        return new IncidentEvent(id, type, incidentId, action, fromStatus, status, regionPath, ownerRegionId,
                assigneeId, reporterId, actorId, actorRole, categoryName, text, at);
    }
}
