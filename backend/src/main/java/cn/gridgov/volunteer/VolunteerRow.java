package cn.gridgov.volunteer;

import cn.gridgov.region.RegionSql;
import io.vertx.mutiny.sqlclient.Row;

import java.time.OffsetDateTime;
import java.util.List;

/** A volunteer row as stored (phone still encrypted), with their community and the points derived from the ledger. */
public record VolunteerRow(long id, long userId, long communityId, String communityName, String communityPath,
                           String name, byte[] phoneEnc, List<String> skills, List<String> availableTimes,
                           Long partyMemberId, String status, int version, OffsetDateTime createdAt, int earned,
                           int balance) {

    /** The columns above, from volunteer {@code v}, its community {@code vc} and its totals {@code vt}. */
    static final String SELECT = "SELECT v.id, v.user_id, v.community_id, vc.name AS community_name, "
            + RegionSql.pathText("vc") + " AS community_path, v.name, v.phone_enc, v.skills, v.available_times, "
            + "v.party_member_id, v.status, v.version, v.created_at, vt.earned, vt.balance FROM volunteer v"
            + RegionSql.joinNode("vc", "v.community_id")
            + " JOIN volunteer_points_total vt ON vt.volunteer_id = v.id";

    static VolunteerRow from(Row r) {
        return new VolunteerRow(r.getLong("id"), r.getLong("user_id"), r.getLong("community_id"),
                r.getString("community_name"), r.getString("community_path"), r.getString("name"),
                r.getBuffer("phone_enc").getBytes(), List.of(r.getArrayOfStrings("skills")),
                List.of(r.getArrayOfStrings("available_times")), r.getLong("party_member_id"), r.getString("status"),
                r.getInteger("version"), r.getOffsetDateTime("created_at"), r.getInteger("earned"),
                r.getInteger("balance"));
    }

    public boolean active() {
        return "ACTIVE".equals(status);
    }
}
