package cn.gridgov.party.cobuild;

import io.vertx.mutiny.sqlclient.Row;

import java.time.OffsetDateTime;

/** A cobuild_unit row as stored (the contact's phone still encrypted). */
record UnitRow(long id, String name, UnitKind kind, String creditCode, String address, String contactName,
               byte[] contactPhoneEnc, Long contactUserId, int version, OffsetDateTime createdAt) {

    static final String SELECT = "SELECT u.id, u.name, u.kind, u.credit_code, u.address, u.contact_name, "
            + "u.contact_phone_enc, u.contact_user_id, u.version, u.created_at FROM cobuild_unit u";

    static UnitRow from(Row r) {
        return new UnitRow(r.getLong("id"), r.getString("name"), UnitKind.valueOf(r.getString("kind")),
                r.getString("credit_code"), r.getString("address"), r.getString("contact_name"),
                r.getBuffer("contact_phone_enc").getBytes(), r.getLong("contact_user_id"), r.getInteger("version"),
                r.getOffsetDateTime("created_at"));
    }
}
