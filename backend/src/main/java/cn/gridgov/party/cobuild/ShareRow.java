package cn.gridgov.party.cobuild;

import cn.gridgov.region.RegionSql;
import io.vertx.mutiny.sqlclient.Row;

import java.time.LocalDate;
import java.time.OffsetDateTime;

/** A cobuild_share row with its resource, unit (and the unit's contact user) and community. */
record ShareRow(long id, ShareKind kind, String status, long resourceId, String resourceName, ResourceKind resourceKind,
                long unitId, String unitName, Long contactUserId, long communityId, String communityName,
                String communityPath, String purpose, LocalDate wantedOn, String declineReason, LocalDate usedOn,
                String outcome, OffsetDateTime decidedAt, OffsetDateTime recordedAt, int version,
                OffsetDateTime createdAt) {

    /** The columns above, from cobuild_share {@code s}, its resource {@code r}, unit {@code u} and community {@code sc}. */
    static final String SELECT = "SELECT s.id, s.kind, s.status, s.resource_id, r.name AS resource_name, "
            + "r.kind AS resource_kind, s.unit_id, u.name AS unit_name, u.contact_user_id, s.community_id, "
            + "sc.name AS community_name, " + RegionSql.pathText("sc") + " AS community_path, s.purpose, s.wanted_on, "
            + "s.decline_reason, s.used_on, s.outcome, s.decided_at, s.recorded_at, s.version, s.created_at "
            + "FROM cobuild_share s JOIN cobuild_resource r ON r.id = s.resource_id JOIN cobuild_unit u ON u.id = s.unit_id"
            + RegionSql.joinNode("sc", "s.community_id");

    static ShareRow from(Row r) {
        return new ShareRow(r.getLong("id"), ShareKind.valueOf(r.getString("kind")), r.getString("status"),
                r.getLong("resource_id"), r.getString("resource_name"), ResourceKind.valueOf(r.getString("resource_kind")),
                r.getLong("unit_id"), r.getString("unit_name"), r.getLong("contact_user_id"), r.getLong("community_id"),
                r.getString("community_name"), r.getString("community_path"), r.getString("purpose"),
                r.getLocalDate("wanted_on"), r.getString("decline_reason"), r.getLocalDate("used_on"),
                r.getString("outcome"), r.getOffsetDateTime("decided_at"), r.getOffsetDateTime("recorded_at"),
                r.getInteger("version"), r.getOffsetDateTime("created_at"));
    }
}
