package cn.gridgov.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Files of the repository the deployment tests read, found from the module's working directory. */
final class Repo {

    private Repo() {
    }

    /** The repository's root: the first folder up from the working directory holding backend/pom.xml and infra/. */
    static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.isRegularFile(dir.resolve("backend/pom.xml")) && Files.isDirectory(dir.resolve("infra"))) {
                return dir;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("no repository root (backend/pom.xml and infra/) above "
                + Path.of("").toAbsolutePath());
    }

    static Path file(String relative) {
        return root().resolve(relative);
    }

    static String read(String relative) {
        try {
            return Files.readString(file(relative), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
