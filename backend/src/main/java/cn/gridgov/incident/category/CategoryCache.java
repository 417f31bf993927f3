package cn.gridgov.incident.category;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The category tree held in memory for reporting, which reads it on every report and sees it change rarely.
 * Dropped whenever it may be stale: by {@link CategoryService} when it changes a category, and on every replica
 * when the table changes (the trigger of V7_96 notifies {@link #CHANNEL}, which the replica's LISTEN connection
 * passes to {@link #invalidate}, also each time that connection is (re)established, since notifications may have
 * been missed meanwhile). The next read loads it again.
 */
@ApplicationScoped
public class CategoryCache {

    /** The channel the {@code incident_category} trigger notifies on every change. */
    public static final String CHANNEL = "incident_category_changed";

    /** A loaded tree: categories by code and by id, detached; only read, never changed. */
    record Tree(Map<String, Category> byCode, Map<Long, Category> byId) {
        static Tree of(List<Category> all) {
            return new Tree(all.stream().collect(Collectors.toUnmodifiableMap(c -> c.code, Function.identity())),
                    all.stream().collect(Collectors.toUnmodifiableMap(c -> c.id, Function.identity())));
        }
    }

    /** The tree with the generation it was loaded in; null until loaded or after an invalidation. */
    private record Held(long generation, Tree tree) {
    }

    private final CategoryRepository repository;
    private final AtomicReference<Held> held = new AtomicReference<>();
    /** Raised by every invalidation: a load that began before one is not kept. */
    private final AtomicLong generation = new AtomicLong();

    public CategoryCache(CategoryRepository repository) {
        this.repository = repository;
    }

    /** The current tree, loaded (in a session of its own) when not held. */
    Uni<Tree> tree() {
        long loading = generation.get();
        Held h = held.get();
        if (h != null && h.generation() == loading) {
            return Uni.createFrom().item(h.tree());
        }
        return Panache.withSession(repository::listAll).map(all -> {
            Tree tree = Tree.of(all);
            // kept only if nothing changed since the load began; answered either way (as read now)
            if (generation.get() == loading) {
                held.set(new Held(loading, tree));
            }
            return tree;
        });
    }

    /** Forgets the tree: the next read loads it again. */
    public void invalidate() {
        generation.incrementAndGet();
        held.set(null);
    }
}
