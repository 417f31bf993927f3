package cn.gridgov.deploy;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The container recipe copies what packaging produced: every COPY source of backend/src/main/docker/Dockerfile.jvm
 * exists in backend/target/quarkus-app/ (runs after the package phase, in {@code mvn verify}), and the build
 * context's .dockerignore lets it in.
 */
class DockerfileIT {

    private static final Pattern COPY = Pattern.compile("(?m)^COPY\\s+(.+)$");

    @Test
    void everyCopySourceExistsInThePackagedApplication() throws IOException {
        Path context = Repo.file("backend");
        String dockerfile = Repo.read("backend/src/main/docker/Dockerfile.jvm");
        List<String> sources = new ArrayList<>();
        Matcher copy = COPY.matcher(dockerfile);
        while (copy.find()) {
            List<String> args = Arrays.stream(copy.group(1).trim().split("\\s+"))
                    .filter(a -> !a.startsWith("--")).toList();
            sources.addAll(args.subList(0, args.size() - 1));
        }
        assertFalse(sources.isEmpty(), "no COPY in the Dockerfile");
        for (String source : sources) {
            assertTrue(source.startsWith("target/quarkus-app/"), source + ": only the packaged application is copied");
            String name = source.replaceAll("/$", "");
            Path parent = context.resolve(name).getParent();
            String last = Path.of(name).getFileName().toString();
            PathMatcher glob = FileSystems.getDefault().getPathMatcher("glob:" + last);
            try (Stream<Path> entries = Files.list(parent)) {
                List<Path> matches = entries.filter(p -> glob.matches(p.getFileName())).toList();
                assertFalse(matches.isEmpty(), source + " matches nothing in " + parent);
                if (source.endsWith("/")) {
                    matches.forEach(dir -> assertTrue(Files.isDirectory(dir), dir + " is no directory"));
                }
            }
        }
        assertTrue(Files.isRegularFile(context.resolve("target/quarkus-app/quarkus-run.jar")),
                "JAVA_APP_JAR /deployments/quarkus-run.jar");
        List<String> ignore = Files.readAllLines(context.resolve(".dockerignore"));
        assertTrue(ignore.contains("!target/quarkus-app/*"), ".dockerignore lets target/quarkus-app/ in");
    }
}
