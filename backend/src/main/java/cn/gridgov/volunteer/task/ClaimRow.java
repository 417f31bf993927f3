package cn.gridgov.volunteer.task;

import cn.gridgov.region.RegionSql;
import io.vertx.mutiny.sqlclient.Row;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * A volunteer_claim row with its task, the claimer (phone still encrypted), its photos and the points it credited. The
 * claimer is a volunteer ({@code volunteerId}) or a co-building unit ({@code unitId}) through its contact; either way
 * {@code claimerUserId} is the person who claimed and reports, and name and phone are the volunteer's or the contact's.
 */
record ClaimRow(long id, long taskId, String taskTitle, int taskPoints, String communityPath, Long volunteerId,
                long claimerUserId, String volunteerName, byte[] phoneEnc, Long unitId, String unitName, String status,
                String reportNote, List<UUID> mediaIds, OffsetDateTime reportedAt, OffsetDateTime confirmedAt,
                Integer credited, OffsetDateTime createdAt) {

    static final String SELECT = "SELECT c.id, c.task_id, t.title AS task_title, t.points AS task_points, "
            + RegionSql.pathText("tc") + " AS community_path, c.volunteer_id, "
            + "coalesce(v.user_id, c.claimant_user_id) AS claimer_user_id, coalesce(v.name, u.contact_name) AS volunteer_name, "
            + "coalesce(v.phone_enc, u.contact_phone_enc) AS phone_enc, c.cobuild_unit_id, u.name AS unit_name, c.status, c.report_note, c.reported_at, c.confirmed_at, c.created_at, "
            + "(SELECT coalesce(array_agg(m.id ORDER BY m.created_at, m.id), '{}') FROM media m "
            + "WHERE m.volunteer_claim_id = c.id) AS media_ids, "
            + "(SELECT p.amount FROM volunteer_points p WHERE p.claim_id = c.id) AS credited "
            + "FROM volunteer_claim c JOIN volunteer_task t ON t.id = c.task_id" + RegionSql.joinNode("tc", "t.community_id")
            + " LEFT JOIN volunteer v ON v.id = c.volunteer_id LEFT JOIN cobuild_unit u ON u.id = c.cobuild_unit_id ";

    static ClaimRow from(Row r) {
        UUID[] media = r.getArrayOfUUIDs("media_ids");
        return new ClaimRow(r.getLong("id"), r.getLong("task_id"), r.getString("task_title"), r.getInteger("task_points"),
                r.getString("community_path"), r.getLong("volunteer_id"), r.getLong("claimer_user_id"),
                r.getString("volunteer_name"), r.getBuffer("phone_enc").getBytes(), r.getLong("cobuild_unit_id"),
                r.getString("unit_name"), r.getString("status"),
                r.getString("report_note"), media == null ? List.of() : List.of(media), r.getOffsetDateTime("reported_at"),
                r.getOffsetDateTime("confirmed_at"), r.getInteger("credited"), r.getOffsetDateTime("created_at"));
    }
}
