package cn.gridgov.volunteer.task;

import cn.gridgov.region.RegionSql;
import io.vertx.mutiny.sqlclient.Row;

import java.time.OffsetDateTime;

/** A volunteer_task row with its community (name, path) and the name of its place node. */
record TaskRow(long id, long communityId, String communityName, String communityPath, VolunteerTaskKind kind, String title,
               String description, Long placeRegionId, String placeRegionName, Double lng, Double lat,
               OffsetDateTime startsAt, OffsetDateTime endsAt, int needed, int claimed, int points, String status,
               String cancelReason, Long incidentId, int version, OffsetDateTime createdAt) {

    /** The columns above, from volunteer_task {@code t}, its community {@code tc} and place node {@code tp}. */
    static final String SELECT = "SELECT t.id, t.community_id, tc.name AS community_name, " + RegionSql.pathText("tc")
            + " AS community_path, t.kind, t.title, t.description, t.place_region_id, tp.name AS place_region_name, "
            + "ST_X(t.place_point) AS lng, ST_Y(t.place_point) AS lat, t.starts_at, t.ends_at, t.needed, t.claimed, "
            + "t.points, t.status, t.cancel_reason, t.incident_id, t.version, t.created_at FROM volunteer_task t"
            + RegionSql.joinNode("tc", "t.community_id") + " LEFT JOIN region tp ON tp.id = t.place_region_id ";

    static TaskRow from(Row r) {
        return new TaskRow(r.getLong("id"), r.getLong("community_id"), r.getString("community_name"),
                r.getString("community_path"), VolunteerTaskKind.valueOf(r.getString("kind")), r.getString("title"),
                r.getString("description"), r.getLong("place_region_id"), r.getString("place_region_name"),
                r.getDouble("lng"), r.getDouble("lat"), r.getOffsetDateTime("starts_at"), r.getOffsetDateTime("ends_at"),
                r.getInteger("needed"), r.getInteger("claimed"), r.getInteger("points"), r.getString("status"),
                r.getString("cancel_reason"), r.getLong("incident_id"), r.getInteger("version"),
                r.getOffsetDateTime("created_at"));
    }
}
