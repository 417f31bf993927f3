package cn.gridgov.region;

import org.junit.jupiter.api.Test;
import org.postgresql.copy.CopyManager;
import org.postgresql.core.BaseConnection;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The committed demo county is what the generator makes, and PostGIS finds it valid, nested and non-overlapping. */
class DemoCountyGeometryTest {

    private static final String DEMO = "/demo/demo-county.geojson";

    @Test
    void demoCountyPassesEveryGeometryCheckInPostgis() throws Exception {
        try (Connection db = connect(); Statement st = db.createStatement()) {
            // Plain JDBC, no Flyway: the test database may have just been cleaned by another test class.
            st.execute("SET client_min_messages = warning; CREATE EXTENSION IF NOT EXISTS postgis");
            st.execute("CREATE TEMP TABLE demo_line(n bigserial, line text)");
            try (Reader lines = new InputStreamReader(demoFile(), StandardCharsets.UTF_8)) {
                new CopyManager(db.unwrap(BaseConnection.class)).copyIn(
                        "COPY demo_line(line) FROM STDIN WITH (FORMAT csv, DELIMITER E'\\x01', QUOTE E'\\x02')", lines);
            }
            st.execute(Files.readString(repoFile("infra/demo/check.sql")));

            Map<String, Long> perLevel = new HashMap<>();
            try (ResultSet rs = st.executeQuery("SELECT level, features FROM demo_level_count")) {
                while (rs.next()) perLevel.put(rs.getString(1), rs.getLong(2));
            }
            assertEquals(1, perLevel.get("COUNTY"));
            assertTrue(perLevel.get("TOWN") >= 3, "towns: " + perLevel);
            assertTrue(perLevel.get("COMMUNITY") >= 8, "communities: " + perLevel);
            assertTrue(perLevel.get("COMPOUND") >= 30, "compounds: " + perLevel);
            assertTrue(perLevel.get("BUILDING") >= 300, "buildings: " + perLevel);

            List<String> failed = new ArrayList<>();
            int checks = 0;
            try (ResultSet rs = st.executeQuery("SELECT check_name, failures, example FROM demo_check")) {
                while (rs.next()) {
                    checks++;
                    if (rs.getLong(2) != 0) failed.add(rs.getString(1) + ": " + rs.getLong(2) + " (e.g. " + rs.getString(3) + ")");
                }
            }
            assertTrue(checks >= 10, "check.sql ran only " + checks + " checks");
            assertEquals(List.of(), failed);
        }
    }

    @Test
    void committedDemoCountyIsExactlyWhatTheGeneratorWrites() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process gen = new ProcessBuilder(java.toString(), repoFile("infra/demo/DemoCountyGenerator.java").toString(), "--demo")
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        byte[] generated = gen.getInputStream().readAllBytes();
        assertTrue(gen.waitFor(60, TimeUnit.SECONDS), "generator did not finish");
        assertEquals(0, gen.exitValue());
        try (InputStream committed = demoFile()) {
            assertArrayEquals(committed.readAllBytes(), generated,
                    "demo-county.geojson is stale: regenerate it as infra/demo/README.md says");
        }
    }

    private static InputStream demoFile() {
        InputStream in = DemoCountyGeometryTest.class.getResourceAsStream(DEMO);
        assertNotNull(in, DEMO + " is missing from the classpath");
        return in;
    }

    /** Finds a file by its path from the repository root, whether tests run from the root or from backend/. */
    private static Path repoFile(String relative) throws IOException {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(relative);
            if (Files.isRegularFile(candidate)) return candidate;
        }
        throw new IOException(relative + " not found above " + Path.of("").toAbsolutePath());
    }

    private static Connection connect() throws SQLException {
        String url = "jdbc:postgresql://" + env("GRIDGOV_DB_HOST", "127.0.0.1") + ":" + env("GRIDGOV_DB_PORT", "5432")
                + "/" + env("GRIDGOV_TEST_DB", "gridgov_test");
        return DriverManager.getConnection(url, env("GRIDGOV_DB_USER", "postgres"), env("GRIDGOV_DB_PASSWORD", ""));
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
