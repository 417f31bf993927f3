package cn.gridgov.people.claim;

import cn.gridgov.common.crypto.Digests;
import cn.gridgov.common.error.DomainException;
import cn.gridgov.common.error.NotFound;
import cn.gridgov.common.ratelimit.RateLimiter;
import cn.gridgov.common.security.Actor;
import cn.gridgov.common.time.ApiTime;
import cn.gridgov.people.PeopleConfig;
import cn.gridgov.people.house.HouseService;
import cn.gridgov.people.house.HouseholdAccess;
import cn.gridgov.people.house.HouseholdRepository;
import cn.gridgov.people.house.HouseholdView;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Locale;

/**
 * Residents claim their household (认领住户) with a one-time code from their grid worker: staff in scope issue
 * the code (expiring, single use, stored hashed); the resident who enters it is bound to the household and from
 * then on sees and corrects that household only. A resident may try {@code gridgov.people.claim-attempts-per-user} codes
 * per {@code claim-attempt-window} (429 TOO_MANY_CLAIM_ATTEMPTS past it).
 */
@ApplicationScoped
public class ClaimService {

    /** Characters of a code: no 0/O, 1/I, so it can be read out over the phone. */
    private static final char[] ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ".toCharArray();
    private static final int LENGTH = 8;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Pool pool;
    private final ClaimCodeRepository codes;
    private final HouseholdAccess access;
    private final HouseholdRepository households;
    private final HouseService houses;
    private final PeopleConfig config;
    private final Clock clock;
    private final RateLimiter limiter;

    public ClaimService(Pool pool, ClaimCodeRepository codes, HouseholdAccess access, HouseholdRepository households,
                        HouseService houses, PeopleConfig config, Clock clock, RateLimiter limiter) {
        this.limiter = limiter;
        this.pool = pool;
        this.codes = codes;
        this.access = access;
        this.households = households;
        this.houses = houses;
        this.config = config;
        this.clock = clock;
    }

    /** A new claim code: shown once, to be handed to the household. */
    @Schema(name = "PeopleClaimCode")
    public record ClaimCode(@Schema(example = "K7M4Q2XP") String code, long householdId, OffsetDateTime expiresAt) {
    }

    public Uni<ClaimCode> issue(Actor actor, long householdId) {
        HouseholdAccess.staffScope(actor, "Household", "住户", householdId);
        String code = newCode();
        Instant now = clock.instant();
        Instant expires = now.plus(config.claimCodeTtl());
        return access.visible(pool, actor, householdId)
                .chain(h -> pool.withTransaction(tx -> codes.insert(tx, hash(code), householdId, actor.userId(), now, expires)))
                .map(v -> new ClaimCode(code, householdId, ApiTime.of(expires)));
    }

    public Uni<HouseholdView> claim(Actor actor, String code) {
        if (code == null || code.isBlank()) {
            throw DomainException.badRequest("CLAIM_CODE_INVALID", "请填写网格员给您的认领码", "The claim code is required");
        }
        Instant now = clock.instant();
        // every attempt counts, right or wrong: a resident claims once or twice, a guesser many times
        Uni<Void> admitted = limiter.admit("household-claim:" + actor.userId(), config.claimAttemptsPerUser(),
                config.claimAttemptWindow(), "TOO_MANY_CLAIM_ATTEMPTS", "认领码尝试次数过多，请稍后再试或请网格员协助",
                "Too many claim code attempts; please try again later");
        return admitted.chain(() -> pool.withTransaction(tx -> codes.use(tx, hash(code), actor.userId(), now)
                .chain(household -> {
                    if (household.isEmpty()) {
                        throw DomainException.badRequest("CLAIM_CODE_INVALID",
                                "认领码无效、已使用或已过期，请向网格员重新索取", "The claim code is wrong, used or expired");
                    }
                    return codes.bind(tx, actor.userId(), household.get(), now);
                }))).chain(() -> mine(actor));
    }

    /** The household the resident claimed; 404 HOUSEHOLD_NOT_CLAIMED before any claim. */
    public Uni<HouseholdView> mine(Actor actor) {
        return households.claimedBy(pool, actor.userId()).chain(id -> {
            if (id.isEmpty()) {
                throw new NotFound("HOUSEHOLD_NOT_CLAIMED", "您还没有认领住户，请向网格员索取认领码",
                        "You have not claimed a household yet");
            }
            return houses.household(actor, id.get());
        });
    }

    private static String newCode() {
        StringBuilder b = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) {
            b.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
        }
        return b.toString();
    }

    private static byte[] hash(String code) {
        return Digests.sha256(code.strip().toUpperCase(Locale.ROOT));
    }
}
