package cn.gridgov.identity.personal;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/** The audit log of personal data shown in full. */
@ApplicationScoped
public class PiiAuditRepository {

    public Uni<Void> record(SqlClient db, long actorUserId, long subjectUserId, String field, String reason,
                            String clientAddress) {
        return db.preparedQuery("INSERT INTO pii_reveal_audit (actor_user_id, subject_user_id, field, reason, "
                        + "client_address) VALUES ($1, $2, $3, $4, $5)")
                .execute(Tuple.of(actorUserId, subjectUserId, field, reason, clientAddress))
                .replaceWithVoid();
    }

    /** A reveal of personal data held by another domain's record ({@code subjectKind}, e.g. {@code party_member}). */
    public Uni<Void> recordOther(SqlClient db, long actorUserId, String subjectKind, long subjectId, String field,
                                 String reason, String clientAddress) {
        return db.preparedQuery("INSERT INTO pii_reveal_audit (actor_user_id, subject_kind, subject_id, field, reason, "
                        + "client_address) VALUES ($1, $2, $3, $4, $5, $6)")
                .execute(Tuple.of(actorUserId, subjectKind, subjectId, field, reason, clientAddress))
                .replaceWithVoid();
    }
}
