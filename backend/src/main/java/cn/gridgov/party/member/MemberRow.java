package cn.gridgov.party.member;

import cn.gridgov.region.RegionSql;
import io.vertx.mutiny.sqlclient.Row;

import java.time.OffsetDateTime;

/** A party_member row as stored (phone still encrypted), with the name and node of its home organisation. */
record MemberRow(long id, Long userId, String name, byte[] phoneEnc, long orgId, String orgName, String orgNodePath,
                 String workplace, boolean inService, String status, int version, OffsetDateTime createdAt) {

    /** The columns above, from party_member {@code m}, its organisation {@code o} and that one's node {@code onode}. */
    static final String SELECT = "SELECT m.id, m.user_id, m.name, m.phone_enc, m.org_id, o.name AS org_name, "
            + RegionSql.pathText("onode") + " AS org_node_path, m.workplace, m.in_service, m.status, m.version, "
            + "m.created_at FROM party_member m JOIN party_org o ON o.id = m.org_id"
            + RegionSql.joinNode("onode", "coalesce(o.region_id, o.anchor_region_id)");

    static MemberRow from(Row r) {
        return new MemberRow(r.getLong("id"), r.getLong("user_id"), r.getString("name"),
                r.getBuffer("phone_enc").getBytes(), r.getLong("org_id"), r.getString("org_name"),
                r.getString("org_node_path"), r.getString("workplace"), r.getBoolean("in_service"),
                r.getString("status"), r.getInteger("version"), r.getOffsetDateTime("created_at"));
    }
}
