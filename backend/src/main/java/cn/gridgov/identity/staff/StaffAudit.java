package cn.gridgov.identity.staff;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import cn.gridgov.common.time.ApiTime;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The append-only log of staff account changes ({@code staff_audit}; the database refuses UPDATE and DELETE).
 * Each change writes its row in its own transaction, so a change and its record commit together.
 */
@ApplicationScoped
public class StaffAudit {

    /** What happened to an account. */
    public static final String CREATED = "STAFF_CREATED";
    public static final String ROLES_CHANGED = "ROLES_CHANGED";
    public static final String ENABLED = "ENABLED";
    public static final String DISABLED = "DISABLED";
    public static final String NAME_CHANGED = "NAME_CHANGED";
    /** An admin set a new password for another account. */
    public static final String PASSWORD_RESET = "PASSWORD_RESET";
    /** The owner changed their own password. */
    public static final String PASSWORD_CHANGED = "PASSWORD_CHANGED";
    public static final String BINDING_CODE_ISSUED = "BINDING_CODE_ISSUED";
    public static final String WECHAT_BOUND = "WECHAT_BOUND";
    public static final String WECHAT_UNBOUND = "WECHAT_UNBOUND";

    /** One recorded change; before and after are summaries without secrets. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Entry(long id, OffsetDateTime at, @Schema(nullable = true) Long actorId,
                        @Schema(nullable = true) String actorUsername, String action, long targetId,
                        @Schema(nullable = true) String targetUsername, @Schema(nullable = true) Map<String, Object> before,
                        @Schema(nullable = true) Map<String, Object> after, @Schema(nullable = true) String clientAddress) {
    }

    /** Records a change of {@code targetUserId} by {@code actorUserId} (null: the system). */
    public Uni<Void> record(SqlClient db, Long actorUserId, String action, long targetUserId, JsonObject before,
                            JsonObject after, String clientAddress) {
        return db.preparedQuery("""
                        INSERT INTO staff_audit (actor_user_id, action, target_user_id, before, after, client_address)
                        VALUES ($1, $2, $3, $4, $5, $6)""")
                .execute(Tuple.tuple().addValue(actorUserId).addString(action).addLong(targetUserId)
                        .addValue(before).addValue(after).addString(clientAddress))
                .replaceWithVoid();
    }

    /** Entries newest first, before id {@code beforeId} (null: from the newest), optionally of one account. */
    public Uni<List<Entry>> list(SqlClient db, Long targetUserId, Long beforeId, int limit) {
        return db.preparedQuery("""
                        SELECT a.id, a.at, a.actor_user_id, sa.username AS actor_username, a.action, a.target_user_id,
                               st.username AS target_username, a.before, a.after, a.client_address
                        FROM staff_audit a
                        LEFT JOIN staff_account sa ON sa.user_id = a.actor_user_id
                        LEFT JOIN staff_account st ON st.user_id = a.target_user_id
                        WHERE ($1::bigint IS NULL OR a.target_user_id = $1) AND ($2::bigint IS NULL OR a.id < $2)
                        ORDER BY a.id DESC LIMIT $3""")
                .execute(Tuple.of(targetUserId, beforeId, limit))
                .map(rows -> {
                    List<Entry> out = new ArrayList<>();
                    rows.forEach(row -> out.add(entry(row)));
                    return out;
                });
    }

    private static Entry entry(Row row) {
        return new Entry(row.getLong("id"), ApiTime.of(row.getOffsetDateTime("at").toInstant()),
                row.getLong("actor_user_id"), row.getString("actor_username"), row.getString("action"),
                row.getLong("target_user_id"), row.getString("target_username"), map(row, "before"),
                map(row, "after"), row.getString("client_address"));
    }

    private static Map<String, Object> map(Row row, String column) {
        Object value = row.getValue(column);
        return value instanceof JsonObject json ? json.getMap() : null;
    }
}
