package cn.gridgov.notify.feed;

import cn.gridgov.notify.NotifyConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * How many feed connections one user and one client address hold on this replica, capped by
 * {@code gridgov.notify.feed-max-per-user} and {@code feed-max-per-address}. A slot is taken at the upgrade,
 * before the connection opens, and given back when its TCP connection closes, whatever ended it.
 */
@ApplicationScoped
public class FeedLimits {

    private final NotifyConfig config;
    private final Map<Long, Integer> perUser = new HashMap<>();
    private final Map<String, Integer> perAddress = new HashMap<>();

    public FeedLimits(NotifyConfig config) {
        this.config = config;
    }

    /** A held slot; {@link #release()} gives it back (once, however often it is called). */
    public final class Slot {
        private final long userId;
        private final String address;
        private final AtomicBoolean released = new AtomicBoolean();

        private Slot(long userId, String address) {
            this.userId = userId;
            this.address = address;
        }

        public void release() {
            if (released.compareAndSet(false, true)) {
                give(userId, address);
            }
        }
    }

    /** A slot for one more connection of {@code userId} from {@code address}, or null when either is at its cap. */
    public synchronized Slot take(long userId, String address) {
        int byUser = perUser.getOrDefault(userId, 0);
        int byAddress = perAddress.getOrDefault(address, 0);
        if (byUser >= config.feedMaxPerUser() || byAddress >= config.feedMaxPerAddress()) {
            return null;
        }
        perUser.put(userId, byUser + 1);
        perAddress.put(address, byAddress + 1);
        return new Slot(userId, address);
    }

    private synchronized void give(long userId, String address) {
        perUser.computeIfPresent(userId, (k, n) -> n > 1 ? n - 1 : null);
        perAddress.computeIfPresent(address, (k, n) -> n > 1 ? n - 1 : null);
    }
}
