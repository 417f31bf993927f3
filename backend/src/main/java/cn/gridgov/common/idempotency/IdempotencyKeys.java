package cn.gridgov.common.idempotency;

import cn.gridgov.common.crypto.Digests;

import cn.gridgov.common.error.DomainException;
import cn.gridgov.common.error.Unprocessable;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * {@code Idempotency-Key} handling for creating requests, inside the caller's transaction: the first request
 * claims the key; a retry with the same body gets the resource the first one made; the same key with another
 * body is a 422. Two requests racing with one key are serialised by the primary key (the second waits for the
 * first transaction and then sees its result).
 */
@ApplicationScoped
public class IdempotencyKeys {

    public static final int MAX_KEY_LENGTH = 128;

    /** The outcome of {@link #claim}: either ours to process, or the resource a previous request made. */
    public record Claim(boolean fresh, Long existingResourceId) {
    }

    /** Checks the header value: present, printable, not too long. */
    public static String checked(String key) {
        if (key == null || key.isBlank()) {
            throw DomainException.badRequest("IDEMPOTENCY_KEY_REQUIRED",
                    "缺少 Idempotency-Key 请求头：请为每次提交生成一个唯一值（如 UUID），重试时沿用",
                    "The Idempotency-Key header is required: a unique value per submission, reused on retries");
        }
        String trimmed = key.trim();
        if (trimmed.length() > MAX_KEY_LENGTH || !trimmed.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw DomainException.badRequest("IDEMPOTENCY_KEY_INVALID",
                    "Idempotency-Key 应为不超过 128 个可见 ASCII 字符", "Idempotency-Key must be up to 128 visible ASCII characters");
        }
        return trimmed;
    }

    /** SHA-256 of a canonical form of the request (hex). */
    public static String hash(String canonicalRequest) {
        return HexFormat.of().formatHex(Digests.sha256(canonicalRequest));
    }

    /**
     * Claims {@code key} within {@code scope} (e.g. one user's reports) for a request with {@code requestHash} that
     * creates nothing if the claim is fresh (it fails, and its transaction frees the key): a retry of an earlier
     * request still gets that request's resource.
     */
    public Uni<Claim> claim(SqlClient tx, String scope, String key, String requestHash) {
        return claim(tx, scope, key, requestHash, null);
    }

    /**
     * Claims {@code key} within {@code scope} for a request with {@code requestHash}, recording at once what it
     * produces: the resource with id {@code resourceId}, taken beforehand, which must then be created in this
     * transaction with that id (null: nothing, as {@link #claim(SqlClient, String, String, String)}). A failed
     * creation rolls the claim back and frees the key.
     */
    public Uni<Claim> claim(SqlClient tx, String scope, String key, String requestHash, Long resourceId) {
        return tx.preparedQuery("INSERT INTO idempotency_key (scope, key, request_hash, resource_id) "
                        + "VALUES ($1, $2, $3, $4) ON CONFLICT (scope, key) DO NOTHING")
                .execute(Tuple.from(Arrays.asList(scope, key, requestHash, resourceId)))
                .chain(inserted -> {
                    if (inserted.rowCount() == 1) {
                        return Uni.createFrom().item(new Claim(true, null));
                    }
                    return tx.preparedQuery("SELECT request_hash, resource_id FROM idempotency_key "
                                    + "WHERE scope = $1 AND key = $2")
                            .execute(Tuple.of(scope, key))
                            .map(rows -> {
                                var row = rows.iterator().next();
                                if (!row.getString("request_hash").trim().equals(requestHash)) {
                                    throw new Unprocessable("IDEMPOTENCY_KEY_REUSED",
                                            "该 Idempotency-Key 已用于另一份不同的提交，请为新的提交生成新的值",
                                            "This Idempotency-Key was used for a different request; use a new key");
                                }
                                return new Claim(false, row.getLong("resource_id"));
                            });
                });
    }
}
