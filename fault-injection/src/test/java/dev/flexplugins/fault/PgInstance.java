package dev.flexplugins.fault;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A PostgreSQL instance of the test's own (never the shared one on :5432): initdb in a temporary
 * directory, its own port, started, stopped and promoted with pg_ctl. When the tests run as root,
 * the server runs as the {@code postgres} user, as PostgreSQL requires.
 */
final class PgInstance implements AutoCloseable {
    static final Path BIN = findBin();

    final Path dataDir;
    final int port;
    private final Path root;

    private PgInstance(Path root, Path dataDir, int port) {
        this.root = root;
        this.dataDir = dataDir;
        this.port = port;
    }

    static boolean available() {
        return BIN != null;
    }

    /** A new, empty instance (not started). */
    static PgInstance create(String name) {
        Path root = tempRoot(name);
        Path data = root.resolve("data");
        PgInstance pg = new PgInstance(root, data, ServiceProcess.freePort());
        pg.exec(
                "initdb",
                "-D",
                data.toString(),
                "-U",
                "postgres",
                "--auth=trust",
                "-E",
                "UTF8",
                "--no-sync");
        pg.configure(
                "listen_addresses = '127.0.0.1'",
                "port = " + pg.port,
                "unix_socket_directories = '" + root + "'",
                "max_connections = 60",
                "fsync = on",
                "wal_level = replica",
                "max_wal_senders = 5");
        return pg;
    }

    /**
     * A streaming standby of {@code primary}, named {@code name} for synchronous_standby_names (not
     * started).
     */
    static PgInstance standbyOf(PgInstance primary, String name) {
        Path root = tempRoot(name);
        Path data = root.resolve("data");
        PgInstance pg = new PgInstance(root, data, ServiceProcess.freePort());
        pg.exec(
                "pg_basebackup",
                "-h",
                "127.0.0.1",
                "-p",
                String.valueOf(primary.port),
                "-U",
                "postgres",
                "-D",
                data.toString(),
                "-R",
                "-X",
                "stream",
                "-c",
                "fast");
        pg.configure("port = " + pg.port, "unix_socket_directories = '" + root + "'");
        // pg_basebackup -R wrote primary_conninfo to postgresql.auto.conf, which is read last: name
        // it there
        try {
            Files.writeString(
                    data.resolve("postgresql.auto.conf"),
                    "\nprimary_conninfo = 'host=127.0.0.1 port="
                            + primary.port
                            + " user=postgres application_name="
                            + name
                            + "'\n",
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return pg;
    }

    void configure(String... lines) {
        try {
            Files.writeString(
                    dataDir.resolve("postgresql.conf"),
                    "\n" + String.join("\n", lines) + "\n",
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    PgInstance start() {
        exec(
                "pg_ctl",
                "-D",
                dataDir.toString(),
                "-l",
                root.resolve("server.log").toString(),
                "-w",
                "-t",
                "60",
                "start");
        return this;
    }

    /**
     * Stops the server: {@code fast} (clients disconnected) or {@code immediate} (as if it
     * crashed).
     */
    void stop(String mode) {
        exec("pg_ctl", "-D", dataDir.toString(), "-m", mode, "-w", "-t", "60", "stop");
    }

    void promote() {
        exec("pg_ctl", "-D", dataDir.toString(), "-w", "-t", "60", "promote");
    }

    void reload() {
        exec("pg_ctl", "-D", dataDir.toString(), "reload");
    }

    String adminUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    void createDatabase(String name) {
        try (Connection c = DriverManager.getConnection(adminUrl(), "postgres", "");
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            exec("pg_ctl", "-D", dataDir.toString(), "-m", "immediate", "-w", "stop");
        } catch (RuntimeException alreadyStopped) {
            // fine
        }
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory
        }
    }

    private void exec(String tool, String... args) {
        List<String> command = new ArrayList<>();
        if (asRoot()) {
            command.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        command.add(BIN.resolve(tool).toString());
        command.addAll(List.of(args));
        try {
            Process p =
                    new ProcessBuilder(command)
                            .directory(root.toFile())
                            .redirectErrorStream(true)
                            .start();
            String out = new String(p.getInputStream().readAllBytes());
            int code = p.waitFor();
            if (code != 0) {
                throw new IllegalStateException(
                        String.join(" ", command) + " exited " + code + ": " + out);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Path tempRoot(String name) {
        try {
            Path root = Files.createTempDirectory(Path.of("/tmp"), "flex-fault-" + name + "-");
            if (asRoot()) {
                new ProcessBuilder("chown", "postgres:postgres", root.toString()).start().waitFor();
            }
            return root;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static boolean asRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static Path findBin() {
        String configured = System.getenv("FLEX_PG_BIN");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        Path base = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(base)) {
            return null;
        }
        try (Stream<Path> versions = Files.list(base)) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("initdb")))
                    .max(Comparator.comparing(Path::toString))
                    .orElse(null);
        } catch (IOException e) {
            return null;
        }
    }
}
