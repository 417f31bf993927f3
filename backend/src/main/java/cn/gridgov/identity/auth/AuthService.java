package cn.gridgov.identity.auth;

import cn.gridgov.common.error.DomainException;
import cn.gridgov.common.error.NotAllowed;
import cn.gridgov.common.error.Unauthenticated;
import cn.gridgov.common.security.Actor;
import cn.gridgov.common.time.ApiTime;
import cn.gridgov.identity.IdentityConfig;
import cn.gridgov.identity.UserRepository;
import cn.gridgov.identity.personal.PersonalData;
import cn.gridgov.identity.staff.StaffAccount;
import cn.gridgov.identity.staff.StaffAudit;
import cn.gridgov.identity.staff.StaffRepository;
import cn.gridgov.wechat.WeChatClient;
import cn.gridgov.wechat.WeChatSession;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.List;
import java.util.Optional;

/**
 * Logging in: WeChat (a new openid becomes a resident), staff password, and linking a WeChat account to a
 * staff account with a one-time binding code; a staff member's own password and WeChat link, each change
 * confirmed with the current password. Also binds a user's phone number.
 */
@ApplicationScoped
public class AuthService {

    private static final char[] CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Pool pool;
    private final WeChatClient wechat;
    private final UserRepository users;
    private final StaffRepository staff;
    private final BindingCodeRepository bindingCodes;
    private final Sessions sessions;
    private final LoginThrottle throttle;
    private final PasswordHasher passwords;
    private final PersonalData personalData;
    private final IdentityConfig config;
    private final StaffAudit audit;

    public AuthService(Pool pool, WeChatClient wechat, UserRepository users, StaffRepository staff,
                       BindingCodeRepository bindingCodes, Sessions sessions, LoginThrottle throttle,
                       PasswordHasher passwords, PersonalData personalData, IdentityConfig config,
                       StaffAudit audit) {
        this.pool = pool;
        this.wechat = wechat;
        this.users = users;
        this.staff = staff;
        this.bindingCodes = bindingCodes;
        this.sessions = sessions;
        this.throttle = throttle;
        this.passwords = passwords;
        this.personalData = personalData;
        this.config = config;
        this.audit = audit;
    }

    /** WeChat login: the openid's user (staff if linked), or a new resident. */
    public Uni<LoginResponse> wechatLogin(String code, String address) {
        return throttle.admitAddress(address)
                .chain(() -> wechat.jscode2session(code))
                .call(session -> throttle.admitOpenid(session.openid()))
                .flatMap(session -> pool.withTransaction(db -> users.upsertResident(db, session.openid(), session.unionid())
                        .flatMap(user -> !user.isStaff() ? sessions.start(db, user, Optional.empty())
                                : staff.findByUser(db, user.id()).flatMap(account -> {
                                    requireActive(account);
                                    return sessions.start(db, user, account);
                                }))));
    }

    /**
     * Staff password login, throttled per username and per address (growing delays, never a lockout); a password
     * hash weaker than configured is replaced by a new one of the password just checked.
     */
    public Uni<LoginResponse> staffLogin(String username, String password, String address) {
        String name = username.trim().toLowerCase(Locale.ROOT);
        return throttle.admitAddress(address)
                .chain(() -> throttle.admit(name, address))
                .chain(() -> staff.findByUsername(pool, name))
                .flatMap(account -> passwords.verify(password, account.map(StaffAccount::passwordHash).orElse(null))
                        .flatMap(ok -> {
                            if (!ok) {
                                return Uni.createFrom().<LoginResponse>failure(loginFailed());
                            }
                            requireActive(account);
                            StaffAccount a = account.get();
                            Uni<String> rehash = passwords.needsRehash(a.passwordHash()) ? passwords.hash(password)
                                    : Uni.createFrom().nullItem();
                            return throttle.succeeded(name, address).chain(() -> rehash).flatMap(newHash -> pool.withTransaction(db ->
                                    users.touchLogin(db, a.userId())
                                            .chain(() -> newHash == null ? Uni.createFrom().voidItem()
                                                    : staff.upgradePasswordHash(db, a.userId(), a.passwordHash(), newHash))
                                            .chain(() -> sessions.load(db, a.userId()))
                                            .flatMap(ua -> sessions.start(db, ua.user(), ua.account()))));
                        }));
    }

    /** Links the WeChat account behind {@code wechatCode} to the staff account the binding code was made for. */
    public Uni<LoginResponse> bindStaffWeChat(String wechatCode, String bindingCode, String address) {
        byte[] codeHash = personalData.searchHash("binding:" + normalise(bindingCode));
        return throttle.admitAddress(address)
                .chain(() -> throttle.admit(null, address))
                .chain(() -> wechat.jscode2session(wechatCode))
                .flatMap(session -> pool.withTransaction(db -> bindingCodes.use(db, codeHash)
                        .flatMap(used -> used.isEmpty() ? Uni.createFrom().item(Optional.<LoginResponse>empty())
                                : link(db, used.get(), session, address).map(Optional::of))))
                .flatMap(done -> done.isPresent()
                        ? throttle.succeeded(null, address).replaceWith(done.get())
                        : Uni.createFrom().failure(DomainException.badRequest("BINDING_CODE_INVALID",
                        "绑定码无效或已过期，请向管理员重新获取", "The binding code is invalid, used or expired")));
    }

    /** A binding code for the caller's own account, after they confirmed their current password. */
    public Uni<BindingCode> ownBindingCode(Actor me, String currentPassword) {
        return confirmPassword(me, currentPassword).chain(account -> newBindingCode(account.userId(), me));
    }

    /**
     * A new one-time binding code for {@code staffUserId} (replacing an unused earlier one), made by
     * {@code issuer}, who has been checked to own or oversee the account. Recorded in the staff audit log.
     */
    public Uni<BindingCode> newBindingCode(long staffUserId, Actor issuer) {
        StringBuilder code = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            code.append(CODE_ALPHABET[RANDOM.nextInt(CODE_ALPHABET.length)]);
        }
        String value = code.toString();
        // in China time like every time of the API (the JVM's own zone may be UTC)
        OffsetDateTime expiresAt = ApiTime.of(Instant.now().plus(config.bindingCodeTtl()));
        return pool.withTransaction(db -> bindingCodes.replace(db, personalData.searchHash("binding:" + value),
                                staffUserId, issuer.userId(), config.bindingCodeTtl())
                        .chain(() -> audit.record(db, issuer.userId(), StaffAudit.BINDING_CODE_ISSUED, staffUserId, null,
                                new JsonObject().put("expiresAt", expiresAt.toString()), issuer.address())))
                .replaceWith(new BindingCode(value, expiresAt));
    }

    /** Changes the caller's own password (the current one confirmed); ends every session and starts a new one. */
    public Uni<LoginResponse> changeOwnPassword(Actor me, String currentPassword, String newPassword) {
        return confirmPassword(me, currentPassword)
                .call(() -> passwords.hash(newPassword).flatMap(hash -> pool.withTransaction(db ->
                        staff.setPassword(db, me.userId(), hash)
                                .chain(() -> sessions.endAll(db, me.userId()))
                                .chain(() -> audit.record(db, me.userId(), StaffAudit.PASSWORD_CHANGED, me.userId(),
                                        null, new JsonObject().put("sessionsEnded", true), me.address())))))
                .chain(() -> newSession(me.userId()));
    }

    /** Removes the caller's own WeChat link (the current password confirmed); ends every session and starts a new one. */
    public Uni<LoginResponse> unlinkOwnWeChat(Actor me, String currentPassword) {
        return confirmPassword(me, currentPassword)
                .call(() -> pool.withTransaction(db -> unlinkWeChat(db, me.userId(), me)))
                .chain(() -> newSession(me.userId()));
    }

    /**
     * Removes {@code userId}'s WeChat link for {@code actor} (checked to own or oversee it) and ends the account's
     * sessions, recorded in the audit log; nothing happens when there is no link.
     */
    public Uni<Void> unlinkWeChat(SqlClient db, long userId, Actor actor) {
        return users.unlinkWeChat(db, userId).flatMap(unlinked -> !unlinked ? Uni.createFrom().voidItem()
                : sessions.endAll(db, userId).chain(() -> audit.record(db, actor.userId(), StaffAudit.WECHAT_UNBOUND,
                        userId, new JsonObject().put("wechatLinked", true),
                        new JsonObject().put("wechatLinked", false).put("sessionsEnded", true), actor.address())));
    }

    /**
     * The caller's staff account once {@code password} is confirmed as its current password: throttled like a
     * login on the same account, so a stolen access token cannot guess it faster. 403 when wrong.
     */
    private Uni<StaffAccount> confirmPassword(Actor me, String password) {
        return staff.findByUser(pool, me.userId()).flatMap(found -> {
            requireActive(found);
            StaffAccount account = found.get();
            return throttle.admit(account.username(), me.address())
                    .chain(() -> passwords.verify(password, account.passwordHash()))
                    .flatMap(ok -> ok ? throttle.succeeded(account.username(), me.address()).replaceWith(account)
                            : Uni.createFrom().failure(new NotAllowed("CURRENT_PASSWORD_WRONG",
                            "当前密码不正确", "The current password is wrong")));
        });
    }

    private Uni<LoginResponse> newSession(long userId) {
        return pool.withTransaction(db -> sessions.load(db, userId)
                .flatMap(ua -> sessions.start(db, ua.user(), ua.account())));
    }

    /** Reads the phone number behind a phone-number button code and stores it (encrypted) for the caller. */
    public Uni<String> bindPhone(long userId, String code) {
        return wechat.phoneNumber(code).flatMap(phone -> {
            String number = phone.purePhoneNumber();
            return users.setPhone(pool, userId, personalData.encrypt(number), personalData.searchHash(number))
                    .replaceWith(PersonalData.maskPhone(number));
        });
    }

    private Uni<LoginResponse> link(SqlClient db, BindingCodeRepository.Used code, WeChatSession session,
                                    String address) {
        long staffUserId = code.staffUserId();
        return staff.findByUser(db, staffUserId).flatMap(account -> {
            requireActive(account);
            boolean replacing = account.get().wechatLinked();
            return users.moveOpenid(db, staffUserId, session.openid(), session.unionid())
                    // whoever held this WeChat before is logged out of it, with a trail
                    .call(losers -> endAllOf(db, losers, code.createdBy(), address))
                    // a WeChat linked before (perhaps a lost phone) loses every session it had
                    .call(() -> replacing ? sessions.endAll(db, staffUserId) : Uni.createFrom().voidItem())
                    .chain(() -> audit.record(db, code.createdBy(), StaffAudit.WECHAT_BOUND, staffUserId,
                            new JsonObject().put("wechatLinked", replacing),
                            new JsonObject().put("wechatLinked", true).put("codeIssuedBy", code.createdBy())
                                    .put("sessionsEnded", replacing), address))
                    .chain(() -> sessions.load(db, staffUserId))
                    .flatMap(ua -> sessions.start(db, ua.user(), ua.account()));
        });
    }

    /** Ends every session of the users a WeChat link was taken from, recording each as unbound. */
    private Uni<Void> endAllOf(SqlClient db, List<Long> userIds, Long actorId, String address) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (long id : userIds) {
            chain = chain.chain(() -> sessions.endAll(db, id)).chain(() -> audit.record(db, actorId,
                    StaffAudit.WECHAT_UNBOUND, id, new JsonObject().put("wechatLinked", true),
                    new JsonObject().put("wechatLinked", false).put("movedToAnotherAccount", true), address));
        }
        return chain;
    }

    private static void requireActive(Optional<StaffAccount> account) {
        if (account.isEmpty() || !account.get().active()) {
            throw new NotAllowed("ACCOUNT_DISABLED", "账号已停用，请联系管理员", "This account is disabled");
        }
    }

    private static DomainException loginFailed() {
        return new Unauthenticated("LOGIN_FAILED", "用户名或密码错误", "Wrong username or password");
    }

    private static String normalise(String bindingCode) {
        return bindingCode.trim().toUpperCase(Locale.ROOT).replace("-", "").replace(" ", "");
    }

    /** A binding code as shown once to the staff member (only its hash is stored). */
    public record BindingCode(String code, OffsetDateTime expiresAt) {
    }
}
