package cn.gridgov.identity;

import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Row;

import java.time.OffsetDateTime;

/** A person who uses GridGov: a WeChat resident or a staff member (who may also have linked WeChat). */
public record AppUser(long id, String kind, String openid, String unionid, String nickname, String displayName,
                      byte[] phoneEnc, OffsetDateTime createdAt, int tokenVersion) {

    public static final String RESIDENT = "RESIDENT";
    public static final String STAFF = "STAFF";

    static final String COLUMNS = "u.id, u.kind, u.openid, u.unionid, u.nickname, u.display_name, u.phone_enc, u.created_at, u.token_version";

    static AppUser from(Row row) {
        Buffer phone = row.getBuffer("phone_enc");
        return new AppUser(row.getLong("id"), row.getString("kind"), row.getString("openid"),
                row.getString("unionid"), row.getString("nickname"), row.getString("display_name"),
                phone == null ? null : phone.getBytes(), row.getOffsetDateTime("created_at"),
                row.getInteger("token_version"));
    }

    public boolean isStaff() {
        return STAFF.equals(kind);
    }
}
