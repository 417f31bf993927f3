package cn.gridgov.identity;

import cn.gridgov.common.error.DomainException;
import cn.gridgov.common.error.NotAllowed;
import cn.gridgov.common.error.Unauthenticated;
import cn.gridgov.common.time.ApiTime;
import cn.gridgov.wechat.WeChatClient;
import cn.gridgov.wechat.WeChatSession;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.Optional;

/**
 * Logging in: WeChat (a new openid becomes a resident), staff password, and linking a WeChat account to a
 * staff account with a one-time binding code. Also binds a user's phone number.
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

    public AuthService(Pool pool, WeChatClient wechat, UserRepository users, StaffRepository staff,
                       BindingCodeRepository bindingCodes, Sessions sessions, LoginThrottle throttle,
                       PasswordHasher passwords, PersonalData personalData, IdentityConfig config) {
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
     * Staff password login, throttled per username and per address; a password hash weaker than configured is
     * replaced by a new one of the password just checked.
     */
    public Uni<LoginResponse> staffLogin(String username, String password, String address) {
        String name = username.trim().toLowerCase(Locale.ROOT);
        return throttle.admitAddress(address)
                .chain(() -> throttle.checkNotLocked(name, address))
                .chain(() -> staff.findByUsername(pool, name))
                .flatMap(account -> passwords.verify(password, account.map(StaffAccount::passwordHash).orElse(null))
                        .flatMap(ok -> {
                            if (!ok) {
                                return throttle.<LoginResponse>failed(name, address, loginFailed());
                            }
                            requireActive(account);
                            StaffAccount a = account.get();
                            Uni<String> rehash = passwords.needsRehash(a.passwordHash()) ? passwords.hash(password)
                                    : Uni.createFrom().nullItem();
                            return throttle.succeeded(name).chain(() -> rehash).flatMap(newHash -> pool.withTransaction(db ->
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
                .chain(() -> throttle.checkNotLocked(null, address))
                .chain(() -> wechat.jscode2session(wechatCode))
                .flatMap(session -> pool.withTransaction(db -> bindingCodes.use(db, codeHash)
                        .flatMap(staffUserId -> staffUserId.isEmpty() ? Uni.createFrom().item(Optional.<LoginResponse>empty())
                                : link(db, staffUserId.get(), session).map(Optional::of))))
                .flatMap(done -> done.isPresent() ? Uni.createFrom().item(done.get())
                        : throttle.failed(null, address, DomainException.badRequest("BINDING_CODE_INVALID",
                        "绑定码无效或已过期，请向管理员重新获取", "The binding code is invalid, used or expired")));
    }

    /** A new one-time binding code for {@code staffUserId} (replacing an unused earlier one). */
    public Uni<BindingCode> newBindingCode(long staffUserId, long createdBy) {
        StringBuilder code = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            code.append(CODE_ALPHABET[RANDOM.nextInt(CODE_ALPHABET.length)]);
        }
        String value = code.toString();
        // in China time like every time of the API (the JVM's own zone may be UTC)
        OffsetDateTime expiresAt = ApiTime.of(Instant.now().plus(config.bindingCodeTtl()));
        return pool.withTransaction(db -> bindingCodes.replace(db, personalData.searchHash("binding:" + value),
                        staffUserId, createdBy, config.bindingCodeTtl()))
                .replaceWith(new BindingCode(value, expiresAt));
    }

    /** Reads the phone number behind a phone-number button code and stores it (encrypted) for the caller. */
    public Uni<String> bindPhone(long userId, String code) {
        return wechat.phoneNumber(code).flatMap(phone -> {
            String number = phone.purePhoneNumber();
            return users.setPhone(pool, userId, personalData.encrypt(number), personalData.searchHash(number))
                    .replaceWith(PersonalData.maskPhone(number));
        });
    }

    private Uni<LoginResponse> link(io.vertx.mutiny.sqlclient.SqlClient db, long staffUserId, WeChatSession session) {
        return staff.findByUser(db, staffUserId).flatMap(account -> {
            requireActive(account);
            return users.moveOpenid(db, staffUserId, session.openid(), session.unionid())
                    .chain(() -> sessions.load(db, staffUserId))
                    .flatMap(ua -> sessions.start(db, ua.user(), ua.account()));
        });
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
