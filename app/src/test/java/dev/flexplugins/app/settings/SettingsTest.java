package dev.flexplugins.app.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The settings table in docs/configuration.md, held to the code; and the rules themselves. */
class SettingsTest {
    /** Tests run in the module's folder; the documentation is the project's. */
    static final Path PROJECT = Path.of("..").toAbsolutePath().normalize();

    record Row(String variable, String defaultCell, String accepts) {}

    static List<Row> documented() throws IOException {
        List<Row> rows = new ArrayList<>();
        for (String line : Files.readAllLines(PROJECT.resolve("docs/configuration.md"))) {
            if (line.startsWith("| `FLEX_")) {
                String[] cells = line.split("\\|");
                rows.add(
                        new Row(
                                cells[1].trim().replace("`", ""),
                                cells[2].trim(),
                                cells[3].trim()));
            }
        }
        return rows;
    }

    static Map<String, Settings.Setting> settings() {
        Map<String, Settings.Setting> all = new TreeMap<>();
        Settings.all().forEach(s -> all.put(s.variable(), s));
        return all;
    }

    static List<String> backticked(String cell) {
        List<String> values = new ArrayList<>();
        Matcher m = Pattern.compile("`([^`]*)`").matcher(cell);
        while (m.find()) {
            values.add(m.group(1));
        }
        return values;
    }

    @Test
    void everyVariableTheServiceReadsIsDocumentedAndEveryDocumentedOneIsRead() throws IOException {
        Set<String> documented =
                documented().stream()
                        .map(Row::variable)
                        .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(settings().keySet(), documented);
        assertEquals(settings().keySet(), Settings.RULES.keySet(), "a rule for each, no more");
    }

    @Test
    void everyFlexVariableTheCodeReadsIsASetting() throws IOException {
        // read as a placeholder (configuration files, logback) or from the environment
        Pattern name =
                Pattern.compile(
                        "(?<=\\$\\{)FLEX_[A-Z0-9_]+|(?<=(?:getenv|get|getOrDefault)\\(\")FLEX_[A-Z0-9_]+");
        Set<String> named = new TreeSet<>();
        int total = 0;
        for (String module :
                List.of(
                        "domain",
                        "projections",
                        "application",
                        "api-rest",
                        "api-grpc",
                        "console",
                        "app")) {
            try (Stream<Path> files = Files.walk(PROJECT.resolve(module).resolve("src/main"))) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    Matcher m = name.matcher(Files.readString(file));
                    while (m.find()) {
                        named.add(m.group());
                        total++;
                    }
                }
            }
        }
        assertTrue(total > settings().size(), "the scan finds the placeholders: " + total);
        named.removeAll(settings().keySet());
        assertEquals(Set.of(), named, "read by the code but no setting");
    }

    @Test
    void theDocumentedDefaultsAreTheConfigurationsAndEveryExampleIsAccepted() throws IOException {
        Map<String, Settings.Setting> settings = settings();
        int examples = 0;
        for (Row row : documented()) {
            Settings.Setting setting = settings.get(row.variable());
            String documentedDefault =
                    row.defaultCell().equals("empty") ? "" : backticked(row.defaultCell()).get(0);
            assertEquals(setting.defaultValue(), documentedDefault, row.variable());
            for (String example : backticked(row.accepts())) {
                assertEquals(
                        Optional.empty(),
                        setting.rule().problem(example),
                        row.variable() + "=" + example + " is documented");
                examples++;
            }
            assertEquals(Optional.empty(), setting.rule().problem(setting.defaultValue()));
        }
        assertTrue(examples >= settings.size(), "each setting shows an example");
    }

    @Test
    void everyAssignmentTheDocumentationShowsIsAccepted() throws IOException {
        Map<String, Settings.Setting> settings = settings();
        Pattern assignment =
                Pattern.compile("(FLEX_[A-Z0-9_]+)=(?:'([^']*)'|\"([^\"]*)\"|([^\\s`'\"]*))");
        List<Path> pages = new ArrayList<>(List.of(PROJECT.resolve("README.md")));
        try (Stream<Path> docs = Files.walk(PROJECT.resolve("docs"))) {
            // decision records tell of wrong values on purpose
            docs.filter(p -> p.toString().endsWith(".md") && !p.toString().contains("decisions"))
                    .forEach(pages::add);
        }
        int shown = 0;
        for (Path page : pages) {
            for (String line : Files.readAllLines(page)) {
                if (line.startsWith("$ ")) {
                    continue; // a shell transcript of a refusal, wrong on purpose
                }
                Matcher m = assignment.matcher(line);
                while (m.find()) {
                    String value =
                            m.group(2) != null
                                    ? m.group(2)
                                    : m.group(3) != null ? m.group(3) : m.group(4);
                    if (value.endsWith(":")
                            || value.contains("$")
                            || !settings.containsKey(m.group(1))) {
                        continue; // an error line quoted, a shell expansion, a client's variable
                    }
                    assertEquals(
                            Optional.empty(),
                            settings.get(m.group(1)).rule().problem(value),
                            m.group() + " is shown in " + PROJECT.relativize(page));
                    shown++;
                }
            }
        }
        assertTrue(shown >= 5, "the documentation shows settings: " + shown);
    }

    @Test
    void everyProblemIsOneLineNamingTheVariableTheValueAndWhatItAccepts() {
        Settings.Report report =
                Settings.check(
                        Map.of(
                                "FLEX_HTTP_IDLE_TIMEOUT", "abc",
                                "FLEX_HTTP_MAX_CONNECTIONS", "0",
                                "FLEX_BOOTSTRAP_AUTH_TOKEN", "short secret",
                                "FLEX_HTTP_IDEL_TIMEOUT", "5s"),
                        key ->
                                Optional.ofNullable(
                                        Map.of(
                                                        "micronaut.server.idle-timeout", "abc",
                                                        "flex.http.max-connections", "0",
                                                        "flex.bootstrap.auth-token", "short secret")
                                                .get(key)));
        assertEquals(
                List.of(
                        "FLEX_BOOTSTRAP_AUTH_TOKEN=****: expected 32 to 256 printable characters without spaces (openssl rand -hex 16), or empty",
                        "FLEX_HTTP_IDLE_TIMEOUT=abc: expected a duration such as 60s or 500ms",
                        "FLEX_HTTP_MAX_CONNECTIONS=0: expected a whole number from 1 to 1,000,000"),
                report.problems());
        assertEquals(
                List.of(
                        "warning: FLEX_HTTP_IDEL_TIMEOUT is not a setting of this service; did you mean FLEX_HTTP_IDLE_TIMEOUT? (settings: docs/configuration.md)"),
                report.warnings());
    }

    @Test
    void aValueFromAFileIsCheckedAndSaysWhereItCameFrom() {
        Settings.Report report =
                Settings.check(
                        Map.of(),
                        key ->
                                key.equals("flex.streams.threads")
                                        ? Optional.of("0")
                                        : Optional.empty());
        assertEquals(
                List.of(
                        "FLEX_STREAMS_THREADS=0: expected a whole number from 1 to 256 (set as flex.streams.threads in a configuration file or -D)"),
                report.problems());
    }

    @Test
    void theFeedsHeartbeatMustBeShorterThanItsClaim() {
        Settings.Report report =
                Settings.check(
                        Map.of("FLEX_FEED_HEARTBEAT", "3s"),
                        key ->
                                key.equals("flex.feed.heartbeat")
                                        ? Optional.of("3s")
                                        : Optional.empty());
        assertEquals(
                List.of(
                        "FLEX_FEED_HEARTBEAT=3s: expected less than FLEX_FEED_CLAIM_TIMEOUT (3s), or another node takes the feed from a healthy one"),
                report.problems());
    }

    @Test
    void aPasswordInTheDatabaseUrlIsNeverShown() {
        Settings.Setting url = settings().get("FLEX_DB_URL");
        assertEquals(
                "jdbc:postgresql://db:5432/flex?user=flex&password=****&ssl=true",
                url.shown("jdbc:postgresql://db:5432/flex?user=flex&password=hunter2&ssl=true"));
    }

    @Test
    void aZeroDurationIsHandedToMicronautWithAUnitAndNothingElseIsRewritten() {
        Settings.Report report =
                Settings.check(
                        Map.of("FLEX_FEED_BATCH_LINGER", "0", "FLEX_SHUTDOWN_GRACE", "PT2S"),
                        key ->
                                Optional.ofNullable(
                                        Map.of(
                                                        "flex.feed.batch-linger",
                                                        "0",
                                                        "flex.shutdown.grace",
                                                        "PT2S")
                                                .get(key)));
        assertEquals(List.of(), report.problems());
        assertEquals(Map.of("flex.feed.batch-linger", "0ms"), report.canonicalOverrides());
    }

    @Test
    void rules() {
        Rule wait = Rule.duration(java.time.Duration.ZERO, java.time.Duration.ofSeconds(1));
        for (String ok : List.of("0", "0ms", "20ms", "1s", "PT0.5S")) {
            assertEquals(Optional.empty(), wait.problem(ok), ok);
        }
        assertEquals(Optional.of("expected a duration from 0 to 1s"), wait.problem("2s"));
        for (String bad : List.of("", "abc", "-5s", "5 s", "5sec", "1.5s")) {
            assertTrue(wait.problem(bad).isPresent(), bad);
        }
        Rule proxies = Rule.addresses();
        assertEquals(Optional.empty(), proxies.problem(""));
        assertEquals(Optional.empty(), proxies.problem("10.0.0.5, ::1"));
        assertTrue(proxies.problem("proxy.local").isPresent(), "names are not looked up");
        assertTrue(Rule.hosts().problem("localhost,").isPresent(), "an empty entry");
        assertTrue(Rule.port().problem("0").isPresent());
        assertTrue(Rule.baseUrl().problem("https://x.example.com/flex?x=1").isPresent());
        assertEquals(1, Settings.distance("FLEX_HTTP_IDEL_TIMEOUT", "FLEX_HTTP_IDLE_TIMEOUT"));
    }
}
