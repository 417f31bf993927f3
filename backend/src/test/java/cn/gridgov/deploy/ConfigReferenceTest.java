package cn.gridgov.deploy;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The configuration reference in infra/OPERATIONS.md is the one generated from the config mappings, so it cannot
 * drift. After changing a mapping, regenerate it:
 * {@code mvn -pl backend test -Dtest=ConfigReferenceTest -Dgridgov.config-reference.write=true}.
 */
class ConfigReferenceTest {

    private static final String GUIDE = "infra/OPERATIONS.md";

    @Test
    void committedReferenceIsTheGeneratedOne() throws IOException {
        String guide = Repo.read(GUIDE);
        int begin = guide.indexOf(ConfigReference.BEGIN);
        int end = guide.indexOf(ConfigReference.END);
        assertTrue(begin >= 0 && end > begin, GUIDE + " has no configuration reference between its markers");
        String committed = guide.substring(begin, end + ConfigReference.END.length());
        String generated = ConfigReference.markdown();
        if (Boolean.getBoolean("gridgov.config-reference.write") && !committed.equals(generated)) {
            Files.writeString(Repo.file(GUIDE), guide.replace(committed, generated), StandardCharsets.UTF_8);
            committed = generated;
        }
        assertEquals(generated, committed, GUIDE + "'s configuration reference is out of date; regenerate it with "
                + "mvn -pl backend test -Dtest=ConfigReferenceTest -Dgridgov.config-reference.write=true");
    }

    @Test
    void everyPropertyOfEveryMappingIsListedWithItsJavadocAndDefault() {
        List<ConfigReference.Mapping> mappings = ConfigReference.mappings();
        Map<String, ConfigReference.Property> byName = mappings.stream().flatMap(m -> m.properties().stream())
                .collect(Collectors.toMap(ConfigReference.Property::name, Function.identity()));
        for (ConfigReference.Mapping m : mappings) {
            assertFalse(m.doc().isBlank(), m.source() + " has no Javadoc");
            assertFalse(m.properties().isEmpty(), m.source() + ": no properties found");
            m.properties().forEach(p -> assertFalse(p.doc().isBlank(), p.name() + " has no Javadoc"));
        }
        // a plain property, one of a nested group, a map, an optional one, a required one
        assertEquals("GRIDGOV_S3_ENDPOINT", byName.get("gridgov.s3.endpoint").env());
        assertEquals("us-east-1", byName.get("gridgov.s3.region").defaultValue());
        assertEquals("character_string1", byName.get("gridgov.notify.fields.number").defaultValue());
        assertTrue(byName.containsKey("gridgov.notify.templates.<key>"));
        assertTrue(byName.get("gridgov.s3.public-endpoint").optional());
        assertEquals("GRIDGOV_S3_PUBLIC_ENDPOINT", byName.get("gridgov.s3.public-endpoint").env());
        assertTrue(byName.get("gridgov.s3.access-key").defaultValue() == null
                && !byName.get("gridgov.s3.access-key").optional(), "gridgov.s3.access-key is required");
    }
}
