package cn.gridgov.identity.auth;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The token version of each account ({@code app_user.token_version}, claim {@code tv} of its access tokens):
 * raising it ends every access token the account holds, on every replica at once.
 */
@ApplicationScoped
public class TokenVersions {

    /** The channel that announces a raised version to every replica (payload: the user id), on commit. */
    public static final String CHANNEL = "account_access";
    /** The account's current version ($1 its id): read on every authenticated request (CurrentAccess). */
    static final String CURRENT = "SELECT token_version FROM app_user WHERE id = $1";

    /** Whether {@code version} is the account's current one (one read by primary key). */
    public Uni<Boolean> isCurrent(SqlClient db, long userId, int version) {
        return db.preparedQuery(CURRENT).execute(Tuple.of(userId))
                .map(rows -> rows.size() > 0 && rows.iterator().next().getInteger("token_version") == version);
    }

    /** Raises the account's version in the transaction of {@code db}; the announcement goes out when it commits. */
    public Uni<Void> raise(SqlClient db, long userId) {
        return db.preparedQuery("""
                        WITH raised AS (UPDATE app_user SET token_version = token_version + 1 WHERE id = $1 RETURNING id)
                        SELECT pg_notify($2, id::text) FROM raised""")
                .execute(Tuple.of(userId, CHANNEL)).replaceWithVoid();
    }
}
