package dev.flexplugins.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The zero-setup default as a local user would find it: the service listens on its two documented
 * ports and nothing else, its data is readable by its own user only, and an operator command run
 * beside it says what to do instead of failing obscurely.
 */
class EmbeddedDefaultTest {

    @Test
    void listensOnlyOnItsPortsKeepsItsFilesPrivateAndCommandsSayWhatToDo() throws Exception {
        Path dir = Files.createTempDirectory("flex-embedded-");
        ServiceProcess service = new ServiceProcess(dir, Map.of());
        try {
            service.start();
            Set<Integer> listening = listeningPorts(service.pid());
            assertEquals(
                    new TreeSet<>(Set.of(service.httpPort, service.grpcPort)),
                    listening,
                    "the embedded default listens on the REST and gRPC ports only");

            Path data = dir.resolve("data");
            assertEquals(
                    "rwx------",
                    PosixFilePermissions.toString(Files.getPosixFilePermissions(data)));
            try (Stream<Path> files = Files.list(data)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    assertEquals(
                            "rw-------",
                            PosixFilePermissions.toString(Files.getPosixFilePermissions(file)),
                            file.toString());
                }
            }

            ServiceProcess.Result beside = service.run("verify");
            assertEquals(3, beside.exitCode(), beside.output());
            assertTrue(beside.output().contains("Stop that service"), beside.output());
            assertTrue(!beside.output().contains("\tat "), "no stack trace: " + beside.output());

            assertEquals(0, service.terminate(Duration.ofSeconds(60)), service.tail());
            ServiceProcess.Result after = service.run("verify");
            assertEquals(0, after.exitCode(), after.output());
            System.out.printf(
                    "[fault] embedded default: listening on %s only; data 700, files 600; verify beside"
                            + " the service exits 3 with what to do, after it 0%n",
                    listening);
        } finally {
            service.stopQuietly();
        }
    }

    /** TCP ports in LISTEN state owned by {@code pid}, from {@code ss}. */
    static Set<Integer> listeningPorts(long pid) throws Exception {
        Process ss =
                new ProcessBuilder("ss", "-H", "-l", "-t", "-n", "-p")
                        .redirectErrorStream(true)
                        .start();
        String out = new String(ss.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        ss.waitFor();
        Set<Integer> ports = new TreeSet<>();
        Pattern line = Pattern.compile("\\S+\\s+\\d+\\s+\\d+\\s+\\S*:(\\d+)\\s+.*pid=" + pid + ",");
        for (String l : out.split("\n")) {
            Matcher m = line.matcher(l);
            if (m.find()) {
                ports.add(Integer.parseInt(m.group(1)));
            }
        }
        return ports;
    }
}
