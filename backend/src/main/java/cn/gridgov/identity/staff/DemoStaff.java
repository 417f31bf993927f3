package cn.gridgov.identity.staff;

import cn.gridgov.common.security.Role;
import cn.gridgov.identity.DevMaterialGuard;
import cn.gridgov.region.Region;
import cn.gridgov.region.RegionLevel;
import cn.gridgov.region.RegionRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Demo staff logins for the demo county: one account per role on the first node (by code) of each level.
 * Idempotent; only in dev, test and the demo run, never in production.
 */
@ApplicationScoped
public class DemoStaff {

    /** The password of every demo account (demo data only). */
    public static final String PASSWORD = "gridgov-demo";

    /** A demo login to print for the person trying the system. */
    public record Login(String username, String password, String role, String regionName) {
    }

    private record Spec(String username, String displayName, String role, RegionLevel level) {
    }

    private static final List<Spec> SPECS = List.of(
            new Spec("demo-county", "演示县管理员", Role.COUNTY_ADMIN, RegionLevel.COUNTY),
            new Spec("demo-town", "演示乡镇管理员", Role.TOWN_ADMIN, RegionLevel.TOWN),
            new Spec("demo-community", "演示社区党委调度员", Role.COMMUNITY_ADMIN, RegionLevel.COMMUNITY),
            new Spec("demo-leader", "演示网格长", Role.GRID_LEADER, RegionLevel.COMMUNITY),
            new Spec("demo-worker", "演示网格员", Role.GRID_WORKER, RegionLevel.COMPOUND),
            new Spec("demo-building", "演示楼栋长", Role.BUILDING_LEAD, RegionLevel.BUILDING));

    private final Pool pool;
    private final RegionRepository regions;
    private final StaffRepository staff;
    private final StaffService service;
    private final DevMaterialGuard guard;

    public DemoStaff(Pool pool, RegionRepository regions, StaffRepository staff, StaffService service,
                     DevMaterialGuard guard) {
        this.pool = pool;
        this.regions = regions;
        this.staff = staff;
        this.service = service;
        this.guard = guard;
    }

    /** Creates the demo accounts that are missing (the demo county must be loaded) and lists all of them. */
    public Uni<List<Login>> ensure() {
        if (!guard.demoAllowed()) {
            return Uni.createFrom().failure(new IllegalStateException("demo staff only in dev, test or the demo run"));
        }
        return chain(new ArrayList<>(), null).flatMap(nodes -> {
            Uni<List<Login>> result = Uni.createFrom().item(new ArrayList<>());
            for (Spec spec : SPECS) {
                Region node = nodes.get(spec.level().ordinal());
                if (node == null) {
                    continue;
                }
                result = result.call(list -> ensureOne(spec, node)
                        .invoke(() -> list.add(new Login(spec.username(), PASSWORD, spec.role(), node.name()))));
            }
            return result;
        });
    }

    /** The first node of each level, each under the previous one (nulls from the first missing level on). */
    private Uni<List<Region>> chain(List<Region> found, String parentPath) {
        if (found.size() == RegionLevel.values().length) {
            return Uni.createFrom().item(found);
        }
        if (!found.isEmpty() && found.get(found.size() - 1) == null) {
            found.add(null);
            return chain(found, null);
        }
        return regions.firstOfLevel(RegionLevel.values()[found.size()], parentPath).flatMap(node -> {
            found.add(node);
            return chain(found, node == null ? null : node.path());
        });
    }

    private Uni<Void> ensureOne(Spec spec, Region node) {
        return staff.findByUsername(pool, spec.username()).flatMap(existing -> existing.isPresent()
                ? Uni.createFrom().voidItem()
                : service.createAccount(spec.username(), PASSWORD, spec.displayName(), node.id(), node.level(),
                        Set.of(spec.role()), null, null).replaceWithVoid());
    }

    /** For the run command's banner. */
    public static String describe(List<Login> logins) {
        StringBuilder out = new StringBuilder("  Demo staff logins (POST /api/v1/auth/staff/login):\n");
        for (Login l : logins) {
            out.append(String.format("    %-16s %-14s %-16s %s%n", l.username(), l.password(), l.role(), l.regionName()));
        }
        return out.toString();
    }
}
