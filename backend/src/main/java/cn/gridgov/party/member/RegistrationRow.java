package cn.gridgov.party.member;

import io.vertx.mutiny.sqlclient.Row;

import java.time.OffsetDateTime;

/** A dual registration as stored, with its member (phone still encrypted) and community. */
record RegistrationRow(long id, long memberId, String memberName, byte[] phoneEnc, Long memberUserId, long communityId,
                       String communityName, String communityPath, Long buildingId, String status, String refusalReason,
                       String appealReason, OffsetDateTime appealedAt, OffsetDateTime decidedAt, int version,
                       OffsetDateTime createdAt) {

    static RegistrationRow from(Row r) {
        return new RegistrationRow(r.getLong("id"), r.getLong("member_id"), r.getString("member_name"),
                r.getBuffer("phone_enc").getBytes(), r.getLong("member_user_id"), r.getLong("community_id"),
                r.getString("community_name"), r.getString("community_path"), r.getLong("building_id"),
                r.getString("status"), r.getString("refusal_reason"), r.getString("appeal_reason"),
                r.getOffsetDateTime("appealed_at"), r.getOffsetDateTime("decided_at"), r.getInteger("version"),
                r.getOffsetDateTime("created_at"));
    }
}
