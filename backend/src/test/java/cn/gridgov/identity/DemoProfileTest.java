package cn.gridgov.identity;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The demo run's configuration as {@code ./gridgov run} starts it (profile {@code demo} of application.properties,
 * read here as the application reads it): loopback only, generated keys, no development keys; and production's.
 */
class DemoProfileTest {

    private static SmallRyeConfig config(String profile) throws IOException {
        URL properties = DemoProfileTest.class.getClassLoader().getResource("application.properties");
        return new SmallRyeConfigBuilder().withProfile(profile).addDefaultInterceptors()
                .withSources(new PropertiesConfigSource(properties, 250)).build();
    }

    @Test
    void theDemoListensOnLoopbackWithGeneratedKeys() throws IOException {
        SmallRyeConfig demo = config("demo");
        assertEquals("127.0.0.1", demo.getValue("quarkus.http.host", String.class));
        assertEquals("127.0.0.1", demo.getValue("quarkus.management.host", String.class));
        assertEquals("prod", demo.getValue("quarkus.config.profile.parent", String.class));
        assertEquals(Optional.of("infra/local/.state/demo-keys"),
                demo.getOptionalValue("gridgov.keys.generated-dir", String.class));
        assertFalse(demo.getOptionalValue("gridgov.keys.dev-keys-allowed", Boolean.class).orElse(false));
        assertEquals(Optional.empty(), demo.getOptionalValue("gridgov.jwt.signing-key", String.class));
        assertEquals(Optional.empty(), demo.getOptionalValue("gridgov.pii.encryption-key", String.class));
        assertEquals("dev", demo.getValue("gridgov.wechat.mode", String.class));
    }

    @Test
    void theRunCommandStartsTheDemoProfileAndNothingWider() throws IOException {
        String script = Files.readString(Path.of("..", "gridgov"), StandardCharsets.UTF_8);
        assertTrue(script.contains("java -Dquarkus.profile=demo -jar"), "./gridgov run uses the demo profile");
        assertFalse(script.contains("quarkus.http.host"), "and leaves the address to it");
        assertFalse(script.contains("dev-keys"), "and no development keys");
    }

    @Test
    void productionHasNoKeyFallbackAndItsManagementInterfaceOnAPortOfItsOwn() throws IOException {
        SmallRyeConfig prod = config("prod");
        assertEquals(Optional.empty(), prod.getOptionalValue("gridgov.keys.generated-dir", String.class));
        assertFalse(prod.getOptionalValue("gridgov.keys.dev-keys-allowed", Boolean.class).orElse(false));
        assertTrue(prod.getValue("quarkus.management.enabled", Boolean.class));
        assertTrue(config("test").getValue("gridgov.keys.dev-keys-allowed", Boolean.class));
    }
}
