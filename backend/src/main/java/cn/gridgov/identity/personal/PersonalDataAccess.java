package cn.gridgov.identity.personal;

import cn.gridgov.common.error.NotAllowed;
import cn.gridgov.common.error.NotFound;
import cn.gridgov.common.security.Actor;
import cn.gridgov.common.security.Role;
import cn.gridgov.identity.UserRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Shows personal data in full to roles that need it, writing each reveal to the audit log. Other packages
 * call {@link #revealPhone} after their own scope check (an incident's reporter, for instance).
 */
@ApplicationScoped
public class PersonalDataAccess {

    private final Pool pool;
    private final UserRepository users;
    private final PiiAuditRepository audit;
    private final PersonalData personalData;

    public PersonalDataAccess(Pool pool, UserRepository users, PiiAuditRepository audit, PersonalData personalData) {
        this.pool = pool;
        this.users = users;
        this.audit = audit;
        this.personalData = personalData;
    }

    /**
     * The full phone number stored encrypted in another domain's record ({@code subjectKind} {@code subjectId}), if
     * the actor's roles allow; audited. The caller has checked that the record is in the actor's scope.
     */
    public Uni<String> revealStoredPhone(Actor actor, byte[] phoneEnc, String subjectKind, long subjectId, String reason) {
        if (!mayReveal(actor)) {
            return Uni.createFrom().failure(notAllowed());
        }
        String phone = personalData.decrypt(phoneEnc);
        return audit.recordOther(pool, actor.userId(), subjectKind, subjectId, "phone", reason, actor.address())
                .replaceWith(phone);
    }

    /**
     * Any personal field ({@code field}: {@code phone}, {@code id_number}) stored encrypted in another domain's record,
     * if the actor's roles allow; audited in the caller's transaction {@code db}. The caller has checked the scope.
     */
    public Uni<String> revealStored(io.vertx.mutiny.sqlclient.SqlClient db, Actor actor, byte[] stored, String subjectKind,
                                    long subjectId, String field, String reason) {
        if (!mayReveal(actor)) {
            return Uni.createFrom().failure(new NotAllowed("FORBIDDEN", "无权查看完整个人信息",
                    "Your role may not see personal data in full"));
        }
        String plain = personalData.decrypt(stored);
        return audit.recordOther(db, actor.userId(), subjectKind, subjectId, field, reason, actor.address())
                .replaceWith(plain);
    }

    /** THE reveal rule: whether the actor's roles may see personal data in full (each reveal then audited). */
    public static boolean mayReveal(Actor actor) {
        return actor.roles().stream().anyMatch(Role.LEADERS::contains);
    }

    /** The refusal for a role that may not see personal data in full (403). */
    public static NotAllowed notAllowed() {
        return new NotAllowed("FORBIDDEN", "无权查看完整手机号", "Your role may not see full phone numbers");
    }

    /** The full phone number of {@code subjectUserId}, if the actor's roles allow; audited. */
    public Uni<String> revealPhone(Actor actor, long subjectUserId, String reason) {
        if (!mayReveal(actor)) {
            return Uni.createFrom().failure(notAllowed());
        }
        return pool.withTransaction(db -> users.find(db, subjectUserId).flatMap(user -> {
            if (user.isEmpty() || user.get().phoneEnc() == null) {
                throw new NotFound("PHONE_NOT_SET", "该用户未绑定手机号", "This user has no phone number");
            }
            String phone = personalData.decrypt(user.get().phoneEnc());
            return audit.record(db, actor.userId(), subjectUserId, "phone", reason, actor.address()).replaceWith(phone);
        }));
    }
}
