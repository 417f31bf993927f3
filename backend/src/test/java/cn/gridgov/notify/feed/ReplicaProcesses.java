package cn.gridgov.notify.feed;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Starts instances of the packaged application ({@code quarkus-run.jar}) against one fresh database, with
 * keys of their own (never the development ones: they run in production mode), and mints their tokens.
 */
public final class ReplicaProcesses implements AutoCloseable {

    /** The database of the two-replica test. */
    static final String DB = "gridgov_it_replicas";
    private static final String ISSUER = "https://gridgov.cn";
    private static final String KEY_ID = "it-1";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** The management interface (health, metrics) of each started instance, by its http base address. */
    private static final Map<String, String> MANAGEMENT = new ConcurrentHashMap<>();

    private final KeyPair keys;
    private final List<Process> processes = new ArrayList<>();
    /** The running process of each instance, by its http base address. */
    private final Map<String, Process> byBase = new ConcurrentHashMap<>();
    private final Map<String, String> env;

    public ReplicaProcesses(String db) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        keys = generator.generateKeyPair();
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(keys.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        env = Map.of("GRIDGOV_DB_NAME", db,
                "GRIDGOV_JWT_SIGNING_KEY", pem,
                "GRIDGOV_JWT_KEY_ID", KEY_ID,
                "GRIDGOV_PII_ENCRYPTION_KEY", randomKey(),
                "GRIDGOV_PII_HASH_KEY", randomKey(),
                "GRIDGOV_WECHAT_APP_ID", "wx-it-app",
                "GRIDGOV_WECHAT_SECRET", "wx-it-secret");
    }

    /** Drops and recreates the database, so each run starts empty. */
    public static void freshDatabase(String db) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbc("postgres"), user(), password());
             Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
            s.execute("CREATE DATABASE " + db);
        }
    }

    public static Connection connect(String db) throws SQLException {
        return DriverManager.getConnection(jdbc(db), user(), password());
    }

    /** Starts one instance on a free port with extra {@code -D} settings; answers its http base address. */
    public String start(String name, Map<String, String> settings) throws IOException {
        int port = freePort();
        // health and metrics are on the management interface in production, on a port of their own
        int managementPort = freePort();
        MANAGEMENT.put("http://127.0.0.1:" + port, "http://127.0.0.1:" + managementPort);
        String jar = System.getProperty("gridgov.app.jar", "target/quarkus-app/quarkus-run.jar");
        List<String> command = new ArrayList<>();
        String cpus = System.getProperty("gridgov.replica.cpus", "");
        if (!cpus.isBlank()) {
            // benchmarks: the replicas on some cores, the load generator on the others
            command.addAll(List.of("taskset", "-c", cpus));
        }
        command.addAll(List.of(javaBin(), "-Xmx384m", "-Dquarkus.http.port=" + port,
                "-Dquarkus.management.port=" + managementPort,
                "-Dquarkus.log.console.json.enabled=false"));
        String javaOptions = System.getProperty("gridgov.replica.java-options", "");
        if (!javaOptions.isBlank()) {
            // benchmarks: extra JVM options for the replicas, such as a flight recording
            command.addAll(List.of(javaOptions.trim().split("\\s+")));
        }
        settings.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("-jar");
        command.add(jar);
        Path log = Path.of("target", "it-" + name + ".log");
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        processes.add(process);
        byBase.put("http://127.0.0.1:" + port, process);
        return "http://127.0.0.1:" + port;
    }

    /** Waits until {@code base} answers ready (or fails with the end of its log). */
    public static void awaitReady(String base, String name, Duration timeout) throws Exception {
        Instant until = Instant.now().plus(timeout);
        while (Instant.now().isBefore(until)) {
            try {
                HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(MANAGEMENT.get(base) + "/q/health/ready"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        String log = Files.readString(Path.of("target", "it-" + name + ".log"));
        throw new AssertionError(name + " not ready within " + timeout + ":\n"
                + log.substring(Math.max(0, log.length() - 4000)));
    }

    /** An access token as the application mints it, signed with this run's key. */
    public String token(long userId, String kind, List<String> groups, Long regionId, String regionPath) throws Exception {
        long now = Instant.now().getEpochSecond();
        StringBuilder claims = new StringBuilder("{\"iss\":\"" + ISSUER + "\",\"aud\":\"gridgov-api\",\"tv\":0,\"sub\":\""
                + userId + "\",\"iat\":" + now
                + ",\"exp\":" + (now + 3600) + ",\"kind\":\"" + kind + "\",\"groups\":[");
        for (int i = 0; i < groups.size(); i++) {
            claims.append(i == 0 ? "" : ",").append('"').append(groups.get(i)).append('"');
        }
        claims.append(']');
        if (regionId != null) {
            claims.append(",\"region_id\":").append(regionId).append(",\"region_path\":\"").append(regionPath).append('"');
        }
        claims.append('}');
        String header = b64("{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"" + KEY_ID + "\"}");
        String body = b64(claims.toString());
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initSign((PrivateKey) keys.getPrivate());
        rsa.update((header + "." + body).getBytes(StandardCharsets.US_ASCII));
        return header + "." + body + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(rsa.sign());
    }

    /** The CPU time (user + system, from /proc) the running instances have used so far, all together. */
    public Duration cpuTime() {
        Duration total = Duration.ZERO;
        for (Process p : byBase.values()) {
            total = total.plus(p.toHandle().info().totalCpuDuration().orElse(Duration.ZERO));
        }
        return total;
    }

    /** The management address (health, metrics) of the instance at {@code base}. */
    public static String management(String base) {
        return MANAGEMENT.get(base);
    }

    /** Kills the instance at {@code base} hard (SIGKILL: no shutdown hook, no graceful end) and waits for it to die. */
    public void kill(String base) throws InterruptedException {
        Process p = byBase.remove(base);
        if (p != null) {
            p.destroyForcibly();
            p.waitFor();
        }
    }

    @Override
    public void close() {
        for (Process p : processes) {
            p.destroy();
        }
        for (Process p : processes) {
            try {
                if (!p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static String javaBin() {
        return System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    }

    private static String jdbc(String db) {
        return "jdbc:postgresql://" + env("GRIDGOV_DB_HOST", "127.0.0.1") + ":" + env("GRIDGOV_DB_PORT", "5432") + "/" + db;
    }

    private static String user() {
        return env("GRIDGOV_DB_USER", "postgres");
    }

    private static String password() {
        return env("GRIDGOV_DB_PASSWORD", "");
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
