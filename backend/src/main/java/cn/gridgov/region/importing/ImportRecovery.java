package cn.gridgov.region.importing;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Duration;

/** At startup, jobs a restart interrupted are marked FAILED, so that no client polls a RUNNING job forever. */
@ApplicationScoped
class ImportRecovery {

    private static final Logger LOG = Logger.getLogger(ImportRecovery.class);

    void onStart(@Observes StartupEvent event, RegionImportService imports) {
        // startup runs on the main thread, where waiting is allowed
        int failed = imports.failInterruptedJobs().await().atMost(Duration.ofSeconds(30));
        if (failed > 0) {
            LOG.warnf("%d region import job(s) were interrupted by a restart and are marked FAILED", failed);
        }
    }
}
