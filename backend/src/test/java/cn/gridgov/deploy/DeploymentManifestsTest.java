package cn.gridgov.deploy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The deployment recipes (infra/k8s rendered by {@code kubectl kustomize}, infra/compose, the Dockerfile) agree
 * with what the application reads and serves: ports, probe paths, environment variable names, the secrets the
 * README lists.
 */
class DeploymentManifestsTest {

    private static final String HEALTH_PORT_FILE = "infra/k8s/base/health-port.yaml";
    /** The one README variable the manifests leave unset: a file only the first start reads (OPERATIONS.md). */
    private static final Set<String> FIRST_START_ONLY = Set.of("GRIDGOV_SETUP_REGIONS_FILE");

    private static final Map<String, List<Map<String, Object>>> RENDERED = new ConcurrentHashMap<>();

    private final AppSettings app = new AppSettings();

    @ParameterizedTest
    @ValueSource(strings = {"infra/k8s/base", "infra/k8s/overlays/production"})
    void applicationRunsAsAtLeastTwoReplicasProbedOnTheHealthPort(String kustomization) {
        List<Map<String, Object>> docs = render(kustomization);
        Map<String, Object> deployment = one(docs, "Deployment", "gridgov");
        assertTrue(integer(deployment, "spec.replicas") >= 2, "replicas");
        Map<String, Object> hpa = one(docs, "HorizontalPodAutoscaler", "gridgov");
        assertTrue(integer(hpa, "spec.minReplicas") >= 2, "the HPA's minReplicas");
        assertEquals("gridgov", get(hpa, "spec.scaleTargetRef.name"));
        Map<String, Object> podLabels = map(get(deployment, "spec.template.metadata.labels"));
        Map<String, Object> pdbSelector = map(get(one(docs, "PodDisruptionBudget", "gridgov"),
                "spec.selector.matchLabels"));
        assertTrue(podLabels.entrySet().containsAll(pdbSelector.entrySet()), "the PDB selects the pods");

        Map<String, Object> container = appContainer(docs);
        String health = app.healthRoot();
        Map<String, String> paths = Map.of("startupProbe", health + "/started", "readinessProbe", health + "/ready",
                "livenessProbe", health + "/live");
        paths.forEach((probe, path) -> {
            assertEquals(path, get(container, probe + ".httpGet.path"), probe + "'s path");
            assertEquals(app.healthPort(), get(container, probe + ".httpGet.port"), probe + "'s port: the packaged "
                    + "application serves " + health + " on " + app.healthPort() + " (application.properties: "
                    + (app.managementInterface() ? "the management interface, quarkus.management.port"
                    : "quarkus.http.port, no management interface in prod") + "); set it in " + HEALTH_PORT_FILE);
        });
        assertNotNull(get(container, "resources.requests.cpu"), "CPU request (the HPA needs it)");
        assertNotNull(get(container, "resources.limits.memory"), "memory limit");
        assertEquals(true, get(container, "securityContext.readOnlyRootFilesystem"));
        assertEquals(true, get(deployment, "spec.template.spec.securityContext.runAsNonRoot"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"infra/k8s/base", "infra/k8s/overlays/production"})
    void serviceAndIngressReachTheApiPortAndKeepTheFeedOpen(String kustomization) {
        List<Map<String, Object>> docs = render(kustomization);
        Map<String, Object> httpPort = list(appContainer(docs), "ports").stream().map(DeploymentManifestsTest::map)
                .filter(p -> "http".equals(p.get("name"))).findFirst().orElseThrow();
        assertEquals(app.httpPort(), httpPort.get("containerPort"), "the API port (quarkus.http.port)");
        Map<String, Object> servicePort = map(list(one(docs, "Service", "gridgov"), "spec.ports").get(0));
        assertEquals("http", servicePort.get("targetPort"), "the Service forwards to the container's http port");

        Map<String, Object> ingress = one(docs, "Ingress", "gridgov");
        Map<String, Object> annotations = map(get(ingress, "metadata.annotations"));
        for (String timeout : List.of("proxy-read-timeout", "proxy-send-timeout")) {
            Object seconds = annotations.get("nginx.ingress.kubernetes.io/" + timeout);
            assertNotNull(seconds, timeout);
            assertTrue(Integer.parseInt(seconds.toString()) >= 3600, timeout + ": feed connections live for hours");
        }
        List<String> published = new ArrayList<>();
        for (Object rule : list(ingress, "spec.rules")) {
            for (Object p : list(map(rule), "http.paths")) {
                Map<String, Object> path = map(p);
                published.add((String) path.get("path"));
                assertEquals("gridgov", get(path, "backend.service.name"));
                assertEquals("http", get(path, "backend.service.port.name"));
            }
        }
        assertTrue(published.contains("/api/v1/feed"), "the feed is published: " + published);
        assertFalse(published.stream().anyMatch(p -> p.equals("/") || p.startsWith("/q")),
                "health, metrics and the API docs stay inside: " + published);
    }

    @ParameterizedTest
    @ValueSource(strings = {"infra/k8s/base", "infra/k8s/overlays/production"})
    void everyEnvironmentVariableIsOneTheApplicationReadsAndEverySecretComesFromASecret(String kustomization) {
        List<Map<String, Object>> docs = render(kustomization);
        Map<String, Object> container = appContainer(docs);
        Map<String, String> source = new LinkedHashMap<>();
        for (Object e : list(container, "env")) {
            Map<String, Object> env = map(e);
            source.put((String) env.get("name"), get(env, "valueFrom.secretKeyRef") != null ? "Secret"
                    : get(env, "valueFrom.configMapKeyRef") != null ? "ConfigMap" : "value");
        }
        for (Object f : list(container, "envFrom")) {
            Map<String, Object> from = map(f);
            assertTrue(from.get("secretRef") == null, "envFrom a Secret hides which names it sets; use secretKeyRef");
            String name = (String) get(from, "configMapRef.name");
            map(get(one(docs, "ConfigMap", name), "data")).keySet().forEach(k -> source.put(k, "ConfigMap"));
        }
        source.keySet().forEach(name -> assertTrue(app.reads(name), name + " is set by " + kustomization
                + " but the application does not read it (application.properties, config mappings)"));
        for (String variable : readmeVariables()) {
            assertTrue(app.reads(variable), "the README lists " + variable + ", which the application does not read");
            if (secret(variable)) {
                assertEquals("Secret", source.get(variable), variable + " must come from a Secret");
            } else if (!FIRST_START_ONLY.contains(variable)) {
                assertTrue(source.containsKey(variable), variable + " (README) is not set by " + kustomization);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"infra/k8s/base", "infra/k8s/overlays/production"})
    void dataTierRunsOnTheOperatorsTheApplicationIsPointedAt(String kustomization) {
        List<Map<String, Object>> docs = render(kustomization);
        Map<String, Object> cluster = one(docs, "Cluster", "gridgov-db");
        assertTrue(((String) get(cluster, "spec.imageName")).contains("postgis"), "a PostGIS image");
        assertTrue(integer(cluster, "spec.instances") >= 2, "a primary and a replica at least");
        assertTrue(list(cluster, "spec.bootstrap.initdb.postInitApplicationSQL").containsAll(List.of(
                "CREATE EXTENSION IF NOT EXISTS postgis", "CREATE EXTENSION IF NOT EXISTS ltree",
                "CREATE EXTENSION IF NOT EXISTS pgcrypto")), "the extensions the owner cannot create");
        Map<String, Object> config = configMap(docs);
        assertEquals("gridgov-db-rw", config.get("GRIDGOV_DB_HOST"), "the primary's Service");
        assertEquals(get(cluster, "spec.bootstrap.initdb.database"), config.get("GRIDGOV_DB_NAME"));
        assertEquals("gridgov-db-app", secretOf(docs, "GRIDGOV_DB_PASSWORD"), "the owner's Secret");

        Map<String, Object> tenant = one(docs, "Tenant", "gridgov-s3");
        Map<String, Object> pool = map(list(tenant, "spec.pools").get(0));
        assertTrue(integer(pool, "servers") * integer(pool, "volumesPerServer") >= 4, "distributed: 4 drives or more");
        assertTrue(integer(pool, "servers") >= 4, "distributed over 4 servers or more");
        assertEquals("http://minio", config.get("GRIDGOV_S3_ENDPOINT"), "the tenant's S3 Service, TLS off");
        assertEquals(false, get(tenant, "spec.requestAutoCert"));
        String user = (String) map(list(tenant, "spec.users").get(0)).get("name");
        assertEquals(user, secretOf(docs, "GRIDGOV_S3_ACCESS_KEY"));
        assertEquals(user, secretOf(docs, "GRIDGOV_S3_SECRET_KEY"));
    }

    @Test
    void productionBacksUpPostgresqlEveryNight() {
        List<Map<String, Object>> docs = render("infra/k8s/overlays/production");
        Map<String, Object> cluster = one(docs, "Cluster", "gridgov-db");
        assertNotNull(get(cluster, "spec.backup.barmanObjectStore.destinationPath"));
        Map<String, Object> scheduled = docs.stream().filter(d -> "ScheduledBackup".equals(d.get("kind")))
                .findFirst().orElseThrow(() -> new AssertionError("no ScheduledBackup"));
        assertEquals("gridgov-db", get(scheduled, "spec.cluster.name"));
        assertEquals(3, integer(cluster, "spec.instances"));
    }

    @Test
    void composeRunsTwoReplicasBehindAProxyThatUpgradesTheFeed() {
        Map<String, Object> compose = map(new Yaml().load(Repo.read("infra/compose/compose.yaml")));
        Map<String, Object> services = map(compose.get("services"));
        List<String> replicas = services.keySet().stream().filter(s -> s.startsWith("app-")).toList();
        assertEquals(2, replicas.size(), "two application replicas: " + services.keySet());
        for (String replica : replicas) {
            Map<String, Object> env = map(get(map(services.get(replica)), "environment"));
            env.keySet().forEach(name -> assertTrue(app.reads(name), replica + " sets " + name
                    + ", which the application does not read"));
            readmeVariables().forEach(name -> assertTrue(env.containsKey(name), replica + " lacks " + name));
            assertTrue(String.valueOf(get(map(services.get(replica)), "healthcheck.test"))
                    .contains("/q/health/ready"), "health check");
        }
        String nginx = Repo.read("infra/compose/nginx.conf");
        Matcher server = Pattern.compile("server (app-\\d+):(\\d+)").matcher(nginx);
        Set<String> upstream = new TreeSet<>();
        while (server.find()) {
            upstream.add(server.group(1));
            assertEquals(String.valueOf(app.httpPort()), server.group(2), "the proxy targets the API port");
        }
        assertEquals(new TreeSet<>(replicas), upstream, "the proxy balances over every replica");
        String feed = nginx.substring(nginx.indexOf("location /api/v1/feed"));
        feed = feed.substring(0, feed.indexOf('}'));
        assertTrue(feed.contains("proxy_set_header Upgrade $http_upgrade;")
                && feed.contains("proxy_set_header Connection $connection_upgrade;"), "WebSocket upgrade");
        assertTrue(feed.contains("proxy_read_timeout 3600s;"), "long reads for the feed");
        assertTrue(nginx.contains("location /q/"), "health, metrics and docs are not published");
    }

    @Test
    void imageRunsAsNonRootAndChecksHealthOnTheHealthPort() {
        String dockerfile = Repo.read("backend/src/main/docker/Dockerfile.jvm");
        Matcher healthPort = Pattern.compile("(?m)^ARG HEALTH_PORT=(\\d+)$").matcher(dockerfile);
        assertTrue(healthPort.find(), "ARG HEALTH_PORT");
        assertEquals(String.valueOf(app.healthPort()), healthPort.group(1), "the Dockerfile's HEALTH_PORT is the port "
                + "the packaged application serves /q/health on");
        assertTrue(dockerfile.matches("(?s).*\\nEXPOSE " + app.httpPort() + "\\b.*"), "EXPOSE the API port");
        assertTrue(dockerfile.matches("(?s).*\\nUSER 185\\n.*"), "non-root user");
        assertTrue(dockerfile.contains("${HEALTH_PORT}/q/health/ready"), "HEALTHCHECK on readiness");
    }

    /** The GRIDGOV_ variables of the README's "Running it for real" table. */
    private static Set<String> readmeVariables() {
        String readme = Repo.read("README.md");
        int start = readme.indexOf("## Running it for real");
        assertTrue(start >= 0, "README: no section \"Running it for real\"");
        int end = readme.indexOf("\n## ", start + 1);
        Set<String> names = new TreeSet<>();
        Matcher m = Pattern.compile("`(GRIDGOV_[A-Z0-9_]+)`")
                .matcher(readme.substring(start, end < 0 ? readme.length() : end));
        while (m.find()) {
            names.add(m.group(1));
        }
        assertTrue(names.contains("GRIDGOV_JWT_SIGNING_KEY"), "README's table read: " + names);
        return names;
    }

    /** Keys, secrets and passwords: what must never sit in a ConfigMap. */
    private static boolean secret(String variable) {
        return variable.endsWith("_KEY") || variable.endsWith("_SECRET") || variable.endsWith("_PASSWORD");
    }

    /** The rendered manifests, once per kustomization (kubectl takes about half a second). */
    static List<Map<String, Object>> render(String kustomization) {
        return RENDERED.computeIfAbsent(kustomization, DeploymentManifestsTest::kustomize);
    }

    private static List<Map<String, Object>> kustomize(String kustomization) {
        Process kubectl;
        try {
            kubectl = new ProcessBuilder("kubectl", "kustomize", Repo.file(kustomization).toString())
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        } catch (IOException e) {
            throw new AssertionError("kubectl is needed to render " + kustomization + " (kubectl kustomize, no "
                    + "cluster needed); install it (CI has it): " + e.getMessage(), e);
        }
        try {
            String out = new String(kubectl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(kubectl.waitFor(60, TimeUnit.SECONDS), "kubectl kustomize took over a minute");
            assertEquals(0, kubectl.exitValue(), "kubectl kustomize " + kustomization + " failed");
            List<Map<String, Object>> docs = new ArrayList<>();
            new Yaml().loadAll(out).forEach(d -> docs.add(map(d)));
            return docs;
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static Map<String, Object> one(List<Map<String, Object>> docs, String kind, String name) {
        return docs.stream().filter(d -> kind.equals(d.get("kind")) && name.equals(get(d, "metadata.name")))
                .findFirst().orElseThrow(() -> new AssertionError("no " + kind + " " + name));
    }

    private static Map<String, Object> appContainer(List<Map<String, Object>> docs) {
        return list(one(docs, "Deployment", "gridgov"), "spec.template.spec.containers").stream()
                .map(DeploymentManifestsTest::map).filter(c -> "gridgov".equals(c.get("name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no container gridgov"));
    }

    private static Map<String, Object> configMap(List<Map<String, Object>> docs) {
        String name = (String) get(map(list(appContainer(docs), "envFrom").get(0)), "configMapRef.name");
        return map(get(one(docs, "ConfigMap", name), "data"));
    }

    private static String secretOf(List<Map<String, Object>> docs, String variable) {
        return list(appContainer(docs), "env").stream().map(DeploymentManifestsTest::map)
                .filter(e -> variable.equals(e.get("name"))).map(e -> (String) get(e, "valueFrom.secretKeyRef.name"))
                .findFirst().orElse(null);
    }

    private static Object get(Map<String, Object> node, String path) {
        Object at = node;
        for (String key : path.split("\\.")) {
            if (!(at instanceof Map<?, ?> m)) {
                return null;
            }
            at = m.get(key);
        }
        return at;
    }

    private static int integer(Map<String, Object> node, String path) {
        Object value = get(node, path);
        assertNotNull(value, path);
        return ((Number) value).intValue();
    }

    private static List<Object> list(Map<String, Object> node, String path) {
        Object value = get(node, path);
        if (value == null) {
            fail(path + " is missing");
        }
        @SuppressWarnings("unchecked")
        List<Object> list = (List<Object>) value;
        return list;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        assertTrue(value instanceof Map, "a mapping expected: " + value);
        return (Map<String, Object>) value;
    }
}
