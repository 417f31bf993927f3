package cn.gridgov.people.claim;

import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/** One-time household claim codes (only their SHA-256 stored) and the households residents claimed. */
@ApplicationScoped
public class ClaimCodeRepository {

    public Uni<Void> insert(SqlClient tx, byte[] codeHash, long householdId, long createdBy, Instant now, Instant expiresAt) {
        return tx.preparedQuery("INSERT INTO household_claim_code (code_hash, household_id, created_by, created_at, "
                        + "expires_at) VALUES ($1, $2, $3, $4, $5)")
                .execute(Tuple.of(Buffer.buffer(codeHash), householdId, createdBy, at(now), at(expiresAt)))
                .replaceWithVoid();
    }

    /** Uses the code if it is unused and unexpired at {@code now}: the household it names. */
    public Uni<Optional<Long>> use(SqlClient tx, byte[] codeHash, long userId, Instant now) {
        return tx.preparedQuery("UPDATE household_claim_code SET used_at = $3, used_by = $2 "
                        + "WHERE code_hash = $1 AND used_at IS NULL AND expires_at > $3 RETURNING household_id")
                .execute(Tuple.of(Buffer.buffer(codeHash), userId, at(now)))
                .map(rows -> rows.iterator().hasNext() ? Optional.of(rows.iterator().next().getLong("household_id"))
                        : Optional.empty());
    }

    /** Binds the resident to the household (a resident has one household; a new claim replaces the old). */
    public Uni<Void> bind(SqlClient tx, long userId, long householdId, Instant now) {
        return tx.preparedQuery("INSERT INTO household_account (user_id, household_id, claimed_at) VALUES ($1, $2, $3) "
                        + "ON CONFLICT (user_id) DO UPDATE SET household_id = EXCLUDED.household_id, "
                        + "claimed_at = EXCLUDED.claimed_at")
                .execute(Tuple.of(userId, householdId, at(now))).replaceWithVoid();
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
