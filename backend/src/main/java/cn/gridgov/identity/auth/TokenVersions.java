package cn.gridgov.identity.auth;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.HashMap;
import java.util.Map;

/**
 * The token version of each account ({@code app_user.token_version}, claim {@code tv} of its access tokens):
 * raising it ends every access token the account holds, on every replica.
 *
 * <p>The versions read are held in memory, but only while this replica LISTENs on {@link #CHANNEL}
 * (the event listener says so through {@link #listening()} and {@link #notListening()}): every raise is
 * announced there on commit, and an announcement drops the account's held version ({@link #raised}). A read
 * that was under way when any announcement (or a change of listening) arrived is not remembered, since it may
 * have seen the version before the raise. The replica that raises a version reads that account from the
 * database for the next {@link #RAISED_HERE_NANOS} ns, so its own refusal is immediate; on the other
 * replicas an ended token is refused as soon as the announcement arrives (milliseconds after the commit).
 * While LISTEN is down nothing is held: every request reads the database, as before the cache.
 */
@ApplicationScoped
public class TokenVersions {

    /** The channel that announces a raised version to every replica (payload: the user id), on commit. */
    public static final String CHANNEL = "account_access";
    /** The account's current version ($1 its id): read when it is not held. */
    static final String CURRENT = "SELECT token_version FROM app_user WHERE id = $1";
    /** How long the replica that raised an account's version reads it from the database (its announcement comes by then). */
    static final long RAISED_HERE_NANOS = 30_000_000_000L;
    /**
     * A held version is read afresh after this long, which bounds how long a LISTEN connection that died
     * unnoticed (no close seen, announcements lost) could keep an ended token accepted.
     */
    static final long HELD_NANOS = 60_000_000_000L;
    /** At most this many accounts are held; beyond it, the held versions are dropped and read afresh. */
    static final int CAPACITY = 200_000;

    private final Map<Long, Held> held = new HashMap<>();
    /** Accounts raised on this replica → when their mark ends (System.nanoTime). */
    private final Map<Long, Long> raisedHere = new HashMap<>();
    /** Counts announcements and changes of listening: a read is remembered only if it did not change meanwhile. */
    private long generation;
    private boolean listening;

    /** Whether {@code version} is the account's current one: the held version, or one read by primary key. */
    public Uni<Boolean> isCurrent(SqlClient db, long userId, int version) {
        long began;
        synchronized (this) {
            if (listening && !isRaisedHere(userId)) {
                Held known = held.get(userId);
                if (known != null && System.nanoTime() - known.until() < 0) {
                    return Uni.createFrom().item(known.version() == version);
                }
            }
            began = generation;
        }
        return db.preparedQuery(CURRENT).execute(Tuple.of(userId)).map(rows -> {
            if (rows.size() == 0) {
                return false;
            }
            int current = rows.iterator().next().getInteger("token_version");
            remember(userId, current, began);
            return current == version;
        });
    }

    /** Raises the account's version in the transaction of {@code db}; the announcement goes out when it commits. */
    public Uni<Void> raise(SqlClient db, long userId) {
        synchronized (this) {
            raisedHere.put(userId, System.nanoTime() + RAISED_HERE_NANOS);
            held.remove(userId);
            generation++;
        }
        return db.preparedQuery("""
                        WITH raised AS (UPDATE app_user SET token_version = token_version + 1 WHERE id = $1 RETURNING id)
                        SELECT pg_notify($2, id::text) FROM raised""")
                .execute(Tuple.of(userId, CHANNEL)).replaceWithVoid();
    }

    /** An announcement on {@link #CHANNEL}: the account's version was raised (on some replica). */
    public synchronized void raised(long userId) {
        held.remove(userId);
        generation++;
    }

    /** LISTEN on {@link #CHANNEL} is active: versions may be held from now on. */
    public synchronized void listening() {
        held.clear();
        generation++;
        listening = true;
    }

    /** LISTEN is down (announcements would be missed): nothing is held until it is back. */
    public synchronized void notListening() {
        held.clear();
        generation++;
        listening = false;
    }

    synchronized boolean isListening() {
        return listening;
    }

    /** The version held for an account, or null (for tests). */
    synchronized Integer held(long userId) {
        Held known = held.get(userId);
        return known == null ? null : known.version();
    }

    private synchronized void remember(long userId, int current, long began) {
        if (!listening || generation != began || isRaisedHere(userId)) {
            return;
        }
        if (held.size() >= CAPACITY) {
            held.clear();
        }
        held.put(userId, new Held(current, System.nanoTime() + HELD_NANOS));
    }

    /** A version read, and when it is to be read again (System.nanoTime). */
    private record Held(int version, long until) {
    }

    /** Whether the account was raised here lately (expired marks are dropped on the way). */
    private boolean isRaisedHere(long userId) {
        if (raisedHere.isEmpty()) {
            return false;
        }
        long now = System.nanoTime();
        Long until = raisedHere.get(userId);
        if (raisedHere.size() > 1_000) {
            raisedHere.values().removeIf(end -> end - now < 0);
        }
        if (until == null) {
            return false;
        }
        if (until - now < 0) {
            raisedHere.remove(userId);
            return false;
        }
        return true;
    }
}
