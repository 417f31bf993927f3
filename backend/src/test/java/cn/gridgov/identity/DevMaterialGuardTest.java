package cn.gridgov.identity;

import io.quarkus.runtime.LaunchMode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A production start (the packaged jar, the demo run included) refuses development material; dev and test allow it. */
class DevMaterialGuardTest {

    @Test
    void productionRefusesTheOptInForDevelopmentKeys() {
        List<String> problems = DevMaterialGuard.problems(LaunchMode.NORMAL, true, false, false, false, false);
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).contains("gridgov.keys.dev-keys-allowed"), problems.get(0));
        // the demo run is production too
        assertEquals(1, DevMaterialGuard.problems(LaunchMode.NORMAL, true, false, false, true, true).size());
    }

    @Test
    void productionRefusesTheDevelopmentKeysHoweverConfigured() {
        assertEquals(2, DevMaterialGuard.problems(LaunchMode.NORMAL, false, true, true, false, true).size());
    }

    @Test
    void weChatDevModeOnlyInTheDemoRun() {
        assertEquals(1, DevMaterialGuard.problems(LaunchMode.NORMAL, false, false, false, true, false).size());
        assertEquals(List.of(), DevMaterialGuard.problems(LaunchMode.NORMAL, false, false, false, true, true));
    }

    @Test
    void devAndTestAllowEverything() {
        assertEquals(List.of(), DevMaterialGuard.problems(LaunchMode.TEST, true, true, true, true, false));
        assertEquals(List.of(), DevMaterialGuard.problems(LaunchMode.DEVELOPMENT, true, true, true, true, false));
    }

    @Test
    void demoDataIsRefusedInProductionOutsideTheDemoRun() {
        assertTrue(DevMaterialGuard.demoRefused(LaunchMode.NORMAL, true, false));
        assertFalse(DevMaterialGuard.demoRefused(LaunchMode.NORMAL, true, true));
        assertFalse(DevMaterialGuard.demoRefused(LaunchMode.NORMAL, false, false));
        assertFalse(DevMaterialGuard.demoRefused(LaunchMode.TEST, true, false));
    }
}
