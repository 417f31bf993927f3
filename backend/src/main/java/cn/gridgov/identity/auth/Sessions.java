package cn.gridgov.identity.auth;

import cn.gridgov.common.crypto.Digests;

import cn.gridgov.common.error.Unauthenticated;
import cn.gridgov.identity.AppUser;
import cn.gridgov.identity.UserRepository;
import cn.gridgov.identity.UserView;
import cn.gridgov.identity.personal.PersonalData;
import cn.gridgov.identity.staff.StaffAccount;
import cn.gridgov.identity.staff.StaffRepository;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/**
 * Login sessions: an access token plus an opaque refresh token, rotated on every use, for at most
 * {@code gridgov.jwt.refresh-family-lifetime} from the login. A refresh token that comes back after it was used
 * revokes its whole family (someone copied it). Ending sessions also raises the account's token version, so
 * its access tokens stop working at once.
 */
@ApplicationScoped
public class Sessions {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Pool pool;
    private final UserRepository users;
    private final StaffRepository staff;
    private final RefreshTokenRepository refreshTokens;
    private final AccessTokens accessTokens;
    private final PersonalData personalData;
    private final TokenVersions tokenVersions;
    private final JwtConfig config;
    private final Clock clock;

    public Sessions(Pool pool, UserRepository users, StaffRepository staff, RefreshTokenRepository refreshTokens,
                    AccessTokens accessTokens, PersonalData personalData, TokenVersions tokenVersions,
                    JwtConfig config, Clock clock) {
        this.pool = pool;
        this.users = users;
        this.staff = staff;
        this.refreshTokens = refreshTokens;
        this.accessTokens = accessTokens;
        this.personalData = personalData;
        this.tokenVersions = tokenVersions;
        this.config = config;
        this.clock = clock;
    }

    /** Starts a session (a new token family) for {@code user}, a staff member when {@code account} is given. */
    public Uni<LoginResponse> start(SqlClient db, AppUser user, Optional<StaffAccount> account) {
        return issue(db, user, account, UUID.randomUUID(), clock.instant().plus(config.refreshFamilyLifetime()));
    }

    /**
     * Exchanges a refresh token for a new pair (in the same family, which keeps its end); reuse of a spent
     * token revokes its family and ends the account's access tokens.
     */
    public Uni<LoginResponse> refresh(String refreshToken) {
        byte[] hash = sha256(refreshToken);
        return pool.withTransaction(db -> refreshTokens.use(db, hash, clock.instant()).flatMap(found -> {
            if (found.isEmpty()) {
                return Uni.createFrom().item(Outcome.INVALID);
            }
            RefreshTokenRepository.Presented p = found.get();
            if (p.won()) {
                return load(db, p.userId()).flatMap(user -> user == null || user.account().filter(a -> !a.active()).isPresent()
                        ? refreshTokens.revokeFamily(db, p.familyId()).replaceWith(Outcome.DISABLED)
                        : issue(db, user.user(), user.account(), p.familyId(), p.familyExpiresAt()).map(Outcome::ok));
            }
            if (p.revoked() || p.expired()) {
                return Uni.createFrom().item(Outcome.INVALID);
            }
            return refreshTokens.revokeFamily(db, p.familyId())
                    .chain(() -> tokenVersions.raise(db, p.userId()))
                    .replaceWith(Outcome.REUSED);
        })).map(Outcome::orThrow);
    }

    /**
     * Logs out: ends the session the refresh token belongs to (its whole family) and the account's access
     * tokens (on every device: the others refresh and go on). Unknown or already ended sessions are ignored.
     */
    public Uni<Void> end(String refreshToken) {
        return pool.withTransaction(db -> refreshTokens.ownerOf(db, sha256(refreshToken))
                .flatMap(owner -> owner.isEmpty() ? Uni.createFrom().voidItem()
                        : refreshTokens.revokeFamily(db, owner.get().familyId())
                        .flatMap(live -> live ? tokenVersions.raise(db, owner.get().userId())
                                : Uni.createFrom().voidItem())));
    }

    /** Ends every session and access token of a user (account disabled, roles or password changed). */
    public Uni<Void> endAll(SqlClient db, long userId) {
        return refreshTokens.revokeAllOf(db, userId).chain(() -> tokenVersions.raise(db, userId));
    }

    /** The user and, for staff, their account. */
    public Uni<UserAndAccount> load(SqlClient db, long userId) {
        return users.find(db, userId).flatMap(user -> {
            if (user.isEmpty()) {
                return Uni.createFrom().nullItem();
            }
            if (!user.get().isStaff()) {
                return Uni.createFrom().item(new UserAndAccount(user.get(), Optional.empty()));
            }
            return staff.findByUser(db, userId).map(a -> new UserAndAccount(user.get(), a));
        });
    }

    /** The user as shown to clients. */
    public UserView view(AppUser user, Optional<StaffAccount> account) {
        String phone = user.phoneEnc() == null ? null : PersonalData.maskPhone(personalData.decrypt(user.phoneEnc()));
        return account.map(a -> UserView.staff(user, a, phone)).orElseGet(() -> UserView.resident(user, phone));
    }

    @Scheduled(every = "6h", delayed = "5m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> purge() {
        return refreshTokens.purgeExpired(pool);
    }

    private Uni<LoginResponse> issue(SqlClient db, AppUser user, Optional<StaffAccount> account, UUID family,
                                     Instant familyExpiresAt) {
        String access = account
                .map(a -> a.departmentId() != null
                        ? accessTokens.department(user.id(), user.tokenVersion(), a.roles(), a.departmentId())
                        : accessTokens.staff(user.id(), user.tokenVersion(), a.roles(), a.regionId(), a.regionPath()))
                .orElseGet(() -> accessTokens.resident(user.id(), user.tokenVersion()));
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        String refresh = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        Instant expiresAt = clock.instant().plus(config.refreshTokenTtl());
        return refreshTokens.insert(db, sha256(refresh), family, user.id(),
                        expiresAt.isBefore(familyExpiresAt) ? expiresAt : familyExpiresAt, familyExpiresAt)
                .map(x -> new LoginResponse(access, refresh, accessTokens.ttlSeconds(), "Bearer",
                        view(user, account)));
    }

    static byte[] sha256(String value) {
        return Digests.sha256(value);
    }

    /** A user with their staff account, if they are staff. */
    public record UserAndAccount(AppUser user, Optional<StaffAccount> account) {
    }

    /** How a refresh ended; failures are thrown only after the transaction committed the revocation. */
    private record Outcome(LoginResponse response, String failure) {

        static final Outcome INVALID = new Outcome(null, "INVALID");
        static final Outcome REUSED = new Outcome(null, "REUSED");
        static final Outcome DISABLED = new Outcome(null, "DISABLED");

        static Outcome ok(LoginResponse response) {
            return new Outcome(response, null);
        }

        LoginResponse orThrow() {
            if (failure == null) {
                return response;
            }
            throw switch (failure) {
                case "REUSED" -> new Unauthenticated("REFRESH_TOKEN_REUSED",
                        "登录凭证已被使用过，为安全起见已退出所有相关登录，请重新登录",
                        "This refresh token was already used; its session was revoked. Please log in again");
                case "DISABLED" -> new Unauthenticated("ACCOUNT_DISABLED", "账号已停用，请联系管理员",
                        "This account is disabled");
                default -> new Unauthenticated("REFRESH_TOKEN_INVALID", "登录已过期，请重新登录",
                        "The refresh token is invalid or expired; please log in again");
            };
        }
    }
}
