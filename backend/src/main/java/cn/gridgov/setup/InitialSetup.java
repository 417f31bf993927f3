package cn.gridgov.setup;

import cn.gridgov.common.geo.CoordType;
import cn.gridgov.common.security.Role;
import cn.gridgov.identity.staff.StaffRepository;
import cn.gridgov.identity.staff.StaffService;
import cn.gridgov.region.RegionLevel;
import cn.gridgov.region.RegionRepository;
import cn.gridgov.region.importing.ImportSummary;
import cn.gridgov.region.importing.RegionImportService;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

/**
 * Bootstraps a deployment from configuration: imports the county's tree and creates the first county admin.
 * Without it a fresh database has no county and nobody who may import one.
 */
@Singleton
public class InitialSetup {

    private static final Logger LOG = Logger.getLogger(InitialSetup.class);

    private final SetupConfig config;
    private final RegionImportService imports;
    private final RegionRepository regions;
    private final StaffRepository staff;
    private final StaffService staffService;
    private final Pool pool;

    public InitialSetup(SetupConfig config, RegionImportService imports, RegionRepository regions, StaffRepository staff,
                        StaffService staffService, Pool pool) {
        this.config = config;
        this.imports = imports;
        this.regions = regions;
        this.staff = staff;
        this.staffService = staffService;
        this.pool = pool;
    }

    void onStart(@Observes @Priority(10) StartupEvent event) {
        // Start-up runs on the main thread, so waiting here blocks no event loop; the server must not take
        // requests before its county is there.
        config.regionsFile().ifPresent(file -> {
            ImportSummary summary = importAndWait(read(Path.of(file)), Duration.ofSeconds(config.importTimeoutSeconds()));
            LOG.infof("setup: %s imported: %d features (%d created, %d updated)", file, summary.total(),
                    summary.created(), summary.updated());
        });
        if (config.adminUsername().isPresent() && config.adminPassword().isPresent()) {
            ensureCountyAdmin(config.adminUsername().get(), config.adminPassword().get()).await().indefinitely();
        }
    }

    /** Imports without a scope (the system itself), waiting for a large import's job to end. */
    ImportSummary importAndWait(byte[] geojson, Duration timeout) {
        ImportSummary summary = imports.submit(geojson, CoordType.WGS84).await().atMost(timeout);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!"SUCCEEDED".equals(summary.state()) && !"FAILED".equals(summary.state())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("setup: import " + summary.importId() + " still running after " + timeout);
            }
            sleep();
            summary = imports.find(summary.importId(), true).await().atMost(Duration.ofSeconds(30));
        }
        if ("FAILED".equals(summary.state())) {
            throw new IllegalStateException("setup: import failed: " + summary.message() + " " + summary.errors());
        }
        return summary;
    }

    private Uni<Void> ensureCountyAdmin(String username, String password) {
        return regions.firstOfLevel(RegionLevel.COUNTY, null).flatMap(county -> {
            if (county == null) {
                return Uni.createFrom().failure(new IllegalStateException(
                        "setup: no county to bind the first admin to: set gridgov.setup.regions-file"));
            }
            return staff.findByUsername(pool, username).flatMap(existing -> existing.isPresent()
                    ? Uni.createFrom().voidItem()
                    : staffService.createAccount(username, password, "县级管理员", county.id(),
                            county.level(), Set.of(Role.COUNTY_ADMIN), null, null)
                            .invoke(id -> LOG.infof("setup: county admin %s created on %s", username, county.name()))
                            .replaceWithVoid());
        });
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("setup: cannot read " + file, e);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
