package cn.gridgov.deploy;

import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the packaged (prod) application reads and serves, from application.properties and the config mappings:
 * the environment variables it reads, its API port and the port it serves {@code /q/health} on.
 */
final class AppSettings {

    private static final Pattern REFERENCE = Pattern.compile("\\$\\{(GRIDGOV_[A-Z0-9_]+)");
    private static final Pattern EXPRESSION = Pattern.compile("^\\$\\{[A-Za-z0-9_.-]+(?::(.*))?}$");

    private final Properties props = ConfigReference.applicationProperties();
    private final String text = Repo.read("backend/src/main/resources/application.properties");

    /** A property as the prod profile sees it, an expression {@code ${VAR:default}} read as its default. */
    String prod(String name, String fallback) {
        String value = props.getProperty("%prod." + name, props.getProperty(name));
        if (value == null) {
            return fallback;
        }
        Matcher expression = EXPRESSION.matcher(value.trim());
        return expression.matches() ? (expression.group(1) == null ? fallback : expression.group(1)) : value.trim();
    }

    int httpPort() {
        return Integer.parseInt(prod("quarkus.http.port", "8080"));
    }

    /** Whether the prod profile serves health, metrics and the API docs on the management interface. */
    boolean managementInterface() {
        return Boolean.parseBoolean(prod("quarkus.management.enabled", "false"));
    }

    /** The port of {@code /q/health} in prod: the management port when that interface is on, else the API port. */
    int healthPort() {
        return managementInterface() ? Integer.parseInt(prod("quarkus.management.port", "9000")) : httpPort();
    }

    /** The root of the health endpoints (the probes assume Quarkus' default). */
    String healthRoot() {
        String root = managementInterface() ? prod("quarkus.management.root-path", "/q")
                : "/" + prod("quarkus.http.non-application-root-path", "q").replaceAll("^/", "");
        return root.replaceAll("/$", "") + "/" + prod("quarkus.smallrye-health.root-path", "health")
                .replaceAll("^/", "");
    }

    /** Every GRIDGOV_ variable the application reads: references in application.properties and mapping properties. */
    Set<String> environmentVariables() {
        Set<String> names = new TreeSet<>();
        Matcher m = REFERENCE.matcher(text);
        while (m.find()) {
            names.add(m.group(1));
        }
        ConfigReference.mappings().forEach(mapping -> mapping.properties().forEach(p -> names.add(p.env())));
        return names;
    }

    /** Whether the application reads this variable (a map's entries, e.g. GRIDGOV_NOTIFY_TEMPLATES_RED, included). */
    boolean reads(String variable) {
        return environmentVariables().stream().anyMatch(known -> known.equals(variable)
                || known.endsWith("_<KEY>") && variable.startsWith(known.substring(0, known.length() - 5)));
    }
}
