package cn.gridgov.party.cobuild;

import cn.gridgov.region.RegionSql;
import io.vertx.mutiny.sqlclient.Row;

import java.time.LocalDate;

/** A cobuild_agreement row with its unit's name, kind and contact, and its community's name and path. */
record AgreementRow(long id, long unitId, String unitName, UnitKind unitKind, String contactName, byte[] contactPhoneEnc,
                    long communityId, String communityName, String communityPath, LocalDate signedOn,
                    LocalDate validUntil, String communityDuties, String unitDuties, String status, String endReason,
                    int version) {

    /** The columns above, from cobuild_agreement {@code a}, its unit {@code u} and its community {@code ac}. */
    static final String SELECT = "SELECT a.id, a.unit_id, u.name AS unit_name, u.kind AS unit_kind, u.contact_name, "
            + "u.contact_phone_enc, a.community_id, ac.name AS community_name, " + RegionSql.pathText("ac")
            + " AS community_path, a.signed_on, a.valid_until, a.community_duties, a.unit_duties, a.status, "
            + "a.end_reason, a.version FROM cobuild_agreement a JOIN cobuild_unit u ON u.id = a.unit_id"
            + RegionSql.joinNode("ac", "a.community_id");

    static AgreementRow from(Row r) {
        return new AgreementRow(r.getLong("id"), r.getLong("unit_id"), r.getString("unit_name"),
                UnitKind.valueOf(r.getString("unit_kind")), r.getString("contact_name"),
                r.getBuffer("contact_phone_enc").getBytes(), r.getLong("community_id"), r.getString("community_name"),
                r.getString("community_path"), r.getLocalDate("signed_on"), r.getLocalDate("valid_until"),
                r.getString("community_duties"), r.getString("unit_duties"), r.getString("status"),
                r.getString("end_reason"), r.getInteger("version"));
    }
}
