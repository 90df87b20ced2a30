package dev.flexplugins.app;

import io.micronaut.configuration.jdbc.hikari.DatasourceConfiguration;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded database holds every account's token hash: only the service's user may read it.
 * Before the pool opens an H2 file database, its directory is created (or narrowed) to mode 700 and
 * its files to 600, and the database file is created empty with mode 600 so it never exists with
 * wider rights. H2's server modes ({@code AUTO_SERVER}, which listens on every interface with a
 * password-less user) are refused: the embedded default listens on nothing.
 */
@Singleton
final class EmbeddedFiles implements BeanCreatedEventListener<DatasourceConfiguration> {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedFiles.class);
    private static final String PREFIX = "jdbc:h2:file:";
    static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY =
            PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> OWNER_ONLY_FILE =
            PosixFilePermissions.fromString("rw-------");

    @Override
    public DatasourceConfiguration onCreated(BeanCreatedEvent<DatasourceConfiguration> event) {
        DatasourceConfiguration configuration = event.getBean();
        String url = configuration.getJdbcUrl();
        if (url != null && url.startsWith(PREFIX)) {
            String upper = url.toUpperCase(Locale.ROOT);
            if (upper.contains("AUTO_SERVER=TRUE")) {
                throw new IllegalStateException(
                        "FLEX_DB_URL asks H2 for AUTO_SERVER, which opens the embedded"
                                + " database to the network without a password; remove it (operator commands run with"
                                + " the service stopped, or use PostgreSQL)");
            }
            protect(Path.of(url.substring(PREFIX.length()).split(";", 2)[0]));
        }
        return configuration;
    }

    /** Directory 700, the database file created empty with 600, existing files narrowed to 600. */
    static void protect(Path database) {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        Path file = database.resolveSibling(database.getFileName() + ".mv.db").toAbsolutePath();
        Path directory = file.getParent();
        try {
            if (!Files.exists(directory)) {
                Files.createDirectories(
                        directory, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIRECTORY));
            } else if (!Files.getPosixFilePermissions(directory).equals(OWNER_ONLY_DIRECTORY)) {
                LOG.warn("Narrowing {} to mode 700: it holds the embedded database", directory);
                Files.setPosixFilePermissions(directory, OWNER_ONLY_DIRECTORY);
            }
            if (!Files.exists(file)) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE));
            }
            try (Stream<Path> files = Files.list(directory)) {
                for (Path each : (Iterable<Path>) files::iterator) {
                    if (Files.isRegularFile(each)
                            && !Files.getPosixFilePermissions(each).equals(OWNER_ONLY_FILE)) {
                        LOG.warn("Narrowing {} to mode 600", each);
                        Files.setPosixFilePermissions(each, OWNER_ONLY_FILE);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Cannot protect the embedded database folder " + directory, e);
        }
    }
}
