package cn.gridgov.region;

import cn.gridgov.common.geo.LngLat;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Locate, answered from the region tree held in memory ({@link LocateTree}) when this replica may trust it, else
 * by {@code locate.sql}; both give the same answers (LocateTreeTest compares them point by point).
 *
 * <p>The tree is held only while this replica LISTENs on {@link #CHANNEL} (the event listener says so through
 * {@link #listening()} and {@link #notListening()}): any change of the region table announces itself there on
 * commit (trigger of V7_98) and drops the tree ({@link #changed()}); the next locate starts loading it again
 * in the background and is answered by SQL meanwhile. A load that was under way when an announcement (or a change
 * of listening) arrived is not kept, since its snapshot may predate the change. A replica that changes the tree
 * itself ({@link #changedHere()}, before and after the change) answers by SQL for {@link #CHANGED_HERE_NANOS} ns,
 * so its own answers never wait for the announcement.
 */
@ApplicationScoped
public class LocateIndex {

    private static final Logger LOG = Logger.getLogger(LocateIndex.class);

    /** The channel on which every change of the region table is announced, on commit. */
    public static final String CHANNEL = "region_changed";
    /** How long the replica that changed the tree answers by SQL. */
    static final long CHANGED_HERE_NANOS = 30_000_000_000L;
    /** How long after a failed load the next one may start. */
    static final long RETRY_NANOS = 5_000_000_000L;

    private final RegionRepository regions;

    private volatile LocateTree tree;
    /** Counts announcements and changes of listening: a load is kept only if it did not change meanwhile. */
    private long generation;
    private boolean listening;
    private boolean loading;
    /** Until when (System.nanoTime) nothing is loaded nor held: this replica changed the tree or a load failed. */
    private long sqlUntil = System.nanoTime();

    public LocateIndex(RegionRepository regions) {
        this.regions = regions;
    }

    /** Where a WGS-84 point is; {@code null} when it is outside the county. */
    public Uni<Location> locate(LngLat wgs84) {
        LocateTree held = held();
        if (held == null) {
            return regions.locateInDatabase(wgs84);
        }
        return locate(held, wgs84);
    }

    /** What {@code tree} answers for a point, the nearest building measured by the database when needed. */
    Uni<Location> locate(LocateTree held, LngLat wgs84) {
        LocateTree.Answer answer = held.locate(wgs84.lng(), wgs84.lat());
        if (answer == null) {
            return Uni.createFrom().nullItem();
        }
        if (answer.location() != null) {
            return Uni.createFrom().item(answer.location());
        }
        return regions.nearestBuilding(wgs84, answer.candidates())
                .map(building -> new Location(answer.chain(), building));
    }

    /** The tree from the database now, built off the event loop (for tests and the first load). */
    Uni<LocateTree> load() {
        return regions.locateRows().emitOn(Infrastructure.getDefaultWorkerPool()).map(LocateTree::of);
    }

    /** The tree, if this replica holds one it may trust; otherwise null, and a load starts if none is under way. */
    LocateTree held() {
        LocateTree held = tree;
        if (held != null) {
            return held;
        }
        long began;
        synchronized (this) {
            if (tree != null || loading || !listening || System.nanoTime() - sqlUntil < 0) {
                return tree;
            }
            loading = true;
            began = generation;
        }
        long started = System.nanoTime();
        load().subscribe().with(loaded -> {
            synchronized (this) {
                loading = false;
                if (listening && generation == began && System.nanoTime() - sqlUntil >= 0) {
                    tree = loaded;
                    LOG.infof("locate tree held: %d nodes, loaded in %d ms", loaded.size(),
                            (System.nanoTime() - started) / 1_000_000);
                }
            }
        }, failure -> {
            synchronized (this) {
                loading = false;
                sqlUntil = System.nanoTime() + RETRY_NANOS;
            }
            LOG.warnf("locate tree not loaded (locate stays in SQL for now): %s", failure.toString());
        });
        return null;
    }

    /** The tree held now, without starting a load (for tests). */
    LocateTree current() {
        return tree;
    }

    /** Whether a load is under way (for tests). */
    synchronized boolean isLoading() {
        return loading;
    }

    /** Whether LISTEN is up (for tests). */
    synchronized boolean isListening() {
        return listening;
    }

    /** Ends the time of answering by SQL after a change here (for tests, which change the tree all the time). */
    synchronized void endChangedHere() {
        sqlUntil = System.nanoTime();
    }

    /** An announcement on {@link #CHANNEL}: the region table changed (on some replica). */
    public synchronized void changed() {
        tree = null;
        generation++;
    }

    /** This replica is changing the tree (call before and after): it answers by SQL for a while. */
    public synchronized void changedHere() {
        tree = null;
        generation++;
        sqlUntil = System.nanoTime() + CHANGED_HERE_NANOS;
    }

    /** LISTEN on {@link #CHANNEL} is active: the tree may be held from now on (it loads on the next locate). */
    public synchronized void listening() {
        tree = null;
        generation++;
        listening = true;
    }

    /** LISTEN is down (announcements would be missed): nothing is held until it is back. */
    public synchronized void notListening() {
        tree = null;
        generation++;
        listening = false;
    }
}
