package dev.flexplugins.app.settings;

import static dev.flexplugins.app.settings.Rule.count;
import static dev.flexplugins.app.settings.Rule.duration;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.Yaml;

/**
 * Every {@code FLEX_*} setting of the service, and the check that runs before anything starts.
 *
 * <p>Which variables exist, the configuration key each feeds and its default come from where the
 * service reads them ({@code application.yml}, and {@code logback.xml} for logging), so they cannot
 * drift from this list; what each accepts is the table of rules below. The check reads the
 * effective values (environment, configuration files, defaults), reports every problem at once in
 * the operator's terms ({@code FLEX_HTTP_IDLE_TIMEOUT=abc: expected a duration such as 60s or
 * 500ms}), and warns about {@code FLEX_*} variables that are no setting (a typo). Why a table
 * checked before start rather than constraints on the bound beans: docs/decisions.
 */
public final class Settings {
    private Settings() {}

    /** One setting: its variable, the configuration key it feeds, its default and its rule. */
    public record Setting(
            String variable, String key, String defaultValue, Rule rule, boolean secret) {
        /** The value as it may be shown: secrets masked, and a password inside a URL. */
        public String shown(String value) {
            return secret && !value.isEmpty() ? "****" : maskPassword(value);
        }
    }

    /** A setting's effective value and where it came from: default, environment or file. */
    public record Value(Setting setting, String value, String source) {}

    /** Effective values, the problems that stop start-up, and warnings that do not. */
    public record Report(List<Value> values, List<String> problems, List<String> warnings) {
        /** The effective value of a variable (empty when it was not read). */
        public String value(String variable) {
            return values.stream()
                    .filter(v -> v.setting().variable().equals(variable))
                    .map(Value::value)
                    .findFirst()
                    .orElse("");
        }

        /**
         * Configuration keys whose values Micronaut must be given in another form than the one
         * accepted here (a duration of {@code 0} as {@code 0ms}).
         */
        public Map<String, String> canonicalOverrides() {
            Map<String, String> overrides = new LinkedHashMap<>();
            for (Value v : values) {
                String canonical = v.setting().rule().canonical(v.value());
                if (!canonical.equals(v.value())) {
                    overrides.put(v.setting().key(), canonical);
                }
            }
            return overrides;
        }
    }

    /** The key of settings read by logback (not by the service's configuration tree). */
    public static final String LOGBACK = "logback";

    private static final Set<String> SECRETS =
            Set.of("FLEX_DB_PASSWORD", "FLEX_BOOTSTRAP_AUTH_TOKEN");

    /** What each setting accepts; README's settings table (docs/configuration.md) says why. */
    static final Map<String, Rule> RULES = new TreeMap<>();

    static {
        Duration ms = Duration.ofMillis(1);
        Duration s = Duration.ofSeconds(1);
        RULES.put("FLEX_DB_URL", Rule.jdbcUrl());
        RULES.put("FLEX_DB_USER", Rule.text());
        RULES.put("FLEX_DB_PASSWORD", Rule.text());
        RULES.put("FLEX_DB_POOL_SIZE", count(0, 1_000));
        RULES.put("FLEX_DB_POOL_WAIT", count(250, 600_000)); // Hikari's minimum is 250 ms
        RULES.put("FLEX_HTTP_PORT", Rule.port());
        RULES.put("FLEX_GRPC_PORT", Rule.port());
        RULES.put("FLEX_HTTP_THREADS", count(0, 1_000));
        RULES.put(
                "FLEX_HTTP_REQUEST_READ_TIMEOUT",
                duration(ms.multipliedBy(100), s.multipliedBy(600)));
        RULES.put("FLEX_HTTP_IDLE_TIMEOUT", duration(s, Duration.ofDays(1)));
        RULES.put("FLEX_HTTP_MAX_CONNECTIONS", count(1, 1_000_000));
        RULES.put("FLEX_PUBLIC_BASE_URL", Rule.baseUrl());
        RULES.put("FLEX_ALLOWED_HOSTS", Rule.hosts());
        RULES.put("FLEX_TRUSTED_PROXIES", Rule.addresses());
        RULES.put("FLEX_GRPC_HANDSHAKE_TIMEOUT", duration(s, Duration.ofMinutes(10)));
        RULES.put("FLEX_GRPC_MAX_CONNECTION_IDLE", duration(s, Duration.ofDays(30)));
        RULES.put("FLEX_GRPC_MAX_CONNECTION_AGE", duration(s, Duration.ofDays(30)));
        RULES.put(
                "FLEX_GRPC_MAX_CONNECTION_AGE_GRACE", duration(Duration.ZERO, Duration.ofDays(1)));
        RULES.put("FLEX_GRPC_KEEPALIVE_TIME", duration(s.multipliedBy(10), Duration.ofDays(1)));
        RULES.put("FLEX_GRPC_KEEPALIVE_TIMEOUT", duration(s, Duration.ofMinutes(10)));
        RULES.put("FLEX_AUTH_MAX_FAILURES_PER_ADDRESS", count(1, 1_000_000_000));
        RULES.put("FLEX_AUTH_ACCOUNT_ALERT_FAILURES", count(1, 1_000_000_000));
        RULES.put("FLEX_AUTH_FAILURE_WINDOW", duration(s, Duration.ofDays(1)));
        RULES.put("FLEX_STREAMS_PER_ACCOUNT", count(1, 100_000));
        RULES.put("FLEX_STREAMS_THREADS", count(1, 256));
        RULES.put(
                "FLEX_HEALTH_PROBE_INTERVAL",
                duration(ms.multipliedBy(100), Duration.ofMinutes(1)));
        RULES.put("FLEX_HEALTH_FEED_LAG_LIMIT", count(1, Integer.MAX_VALUE));
        RULES.put("FLEX_SHUTDOWN_GRACE", duration(Duration.ZERO, Duration.ofMinutes(10)));
        RULES.put("FLEX_SHUTDOWN_DRAIN_TIMEOUT", duration(Duration.ZERO, Duration.ofHours(1)));
        RULES.put("FLEX_FEED_CLAIM_TIMEOUT", duration(ms.multipliedBy(100), Duration.ofHours(1)));
        RULES.put("FLEX_FEED_HEARTBEAT", duration(ms.multipliedBy(10), Duration.ofMinutes(10)));
        RULES.put("FLEX_FEED_BATCH_LINGER", duration(Duration.ZERO, s));
        RULES.put(
                "FLEX_BOOTSTRAP_ACCOUNT_SID",
                Rule.optional(
                        Pattern.compile("AC[0-9a-f]{32}"),
                        "expected an Account SID (AC and 32 lowercase hex digits), or empty"));
        RULES.put(
                "FLEX_BOOTSTRAP_AUTH_TOKEN",
                Rule.optional(
                        Pattern.compile("[\\x21-\\x7e]{32,256}"),
                        "expected 32 to 256 printable characters without spaces (openssl rand -hex 16), or empty"));
        RULES.put(
                "FLEX_LOG_LEVEL",
                Rule.oneOfAnyCase("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF"));
        RULES.put("FLEX_LOG_FORMAT", Rule.oneOf("text", "json"));
    }

    private static final Pattern YML_PLACEHOLDER =
            Pattern.compile("\\$\\{(FLEX_[A-Z0-9_]+):`?([^`}]*)`?}");
    private static final Pattern LOGBACK_PLACEHOLDER =
            Pattern.compile("\\$\\{(FLEX_[A-Z0-9_]+):-([^}]*)}");

    /** Every setting, in the order of its variable's name. */
    public static List<Setting> all() {
        Map<String, Setting> found = new TreeMap<>();
        Map<String, Object> yml = new Yaml().load(resource("application.yml"));
        walk("", yml, found);
        Matcher m = LOGBACK_PLACEHOLDER.matcher(resource("logback.xml"));
        while (m.find()) {
            found.putIfAbsent(m.group(1), setting(m.group(1), LOGBACK, m.group(2)));
        }
        return List.copyOf(found.values());
    }

    @SuppressWarnings("unchecked")
    private static void walk(String path, Object node, Map<String, Setting> found) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> walk(path.isEmpty() ? k.toString() : path + "." + k, v, found));
        } else if (node instanceof String text) {
            Matcher m = YML_PLACEHOLDER.matcher(text);
            if (m.matches()) {
                found.put(m.group(1), setting(m.group(1), path, m.group(2)));
            }
        }
    }

    private static Setting setting(String variable, String key, String defaultValue) {
        Rule rule = RULES.get(variable);
        if (rule == null) {
            throw new IllegalStateException(
                    variable + " is read by the configuration but has no rule in Settings.RULES");
        }
        return new Setting(variable, key, defaultValue, rule, SECRETS.contains(variable));
    }

    private static String resource(String name) {
        try (InputStream in = Settings.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is not on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The problems of the settings logging reads, from the environment alone: checked before
     * anything logs (logback falls back to DEBUG on a level it does not know).
     */
    public static List<String> loggingProblems(Map<String, String> environment) {
        return check(environment, key -> Optional.empty()).problems().stream()
                .filter(p -> p.startsWith("FLEX_LOG_"))
                .toList();
    }

    /**
     * Checks the effective settings.
     *
     * @param environment the process environment (variables given, and unknown {@code FLEX_*})
     * @param configured a configuration key's effective value from the service's configuration
     *     (environment, files, system properties, defaults), when it has one
     */
    public static Report check(
            Map<String, String> environment, Function<String, Optional<String>> configured) {
        List<Value> values = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Setting setting : all()) {
            String given = environment.get(setting.variable());
            String value;
            String source;
            if (setting.key().equals(LOGBACK)) {
                value = given != null ? given : setting.defaultValue();
                source = given != null ? "environment" : "default";
            } else {
                value = configured.apply(setting.key()).orElse(setting.defaultValue());
                source =
                        given != null && given.equals(value)
                                ? "environment"
                                : value.equals(setting.defaultValue()) ? "default" : "file";
            }
            values.add(new Value(setting, value, source));
            setting.rule()
                    .problem(value)
                    .ifPresent(
                            expected ->
                                    problems.add(
                                            setting.variable()
                                                    + "="
                                                    + setting.shown(value)
                                                    + ": "
                                                    + expected
                                                    + (source.equals("file")
                                                            ? " (set as "
                                                                    + setting.key()
                                                                    + " in a configuration file or -D)"
                                                            : "")));
        }
        heartbeatWithinClaim(values).ifPresent(problems::add);
        List<String> warnings = new ArrayList<>();
        environment.keySet().stream()
                .filter(name -> name.startsWith("FLEX_") && !RULES.containsKey(name))
                .sorted()
                .forEach(name -> warnings.add(unknown(name)));
        return new Report(values, problems, warnings);
    }

    /**
     * The feed's sequencing node renews its claim every heartbeat while idle; a heartbeat as long
     * as the claim's timeout would let another node take the claim from a healthy one.
     */
    private static Optional<String> heartbeatWithinClaim(List<Value> values) {
        Map<String, Value> byName = new TreeMap<>();
        values.forEach(v -> byName.put(v.setting().variable(), v));
        Value heartbeat = byName.get("FLEX_FEED_HEARTBEAT");
        Value claim = byName.get("FLEX_FEED_CLAIM_TIMEOUT");
        Optional<Duration> beat = Rule.parseDuration(heartbeat.value());
        Optional<Duration> timeout = Rule.parseDuration(claim.value());
        if (beat.isPresent() && timeout.isPresent() && beat.get().compareTo(timeout.get()) >= 0) {
            return Optional.of(
                    "FLEX_FEED_HEARTBEAT="
                            + heartbeat.value()
                            + ": expected less than FLEX_FEED_CLAIM_TIMEOUT ("
                            + claim.value()
                            + "), or another node takes the feed from a healthy one");
        }
        return Optional.empty();
    }

    private static String unknown(String name) {
        String closest =
                RULES.keySet().stream()
                        .min(Comparator.comparingInt(known -> distance(name, known)))
                        .orElseThrow();
        boolean near = distance(name, closest) <= Math.max(3, closest.length() / 4);
        return "warning: "
                + name
                + " is not a setting of this service"
                + (near ? "; did you mean " + closest + "?" : "")
                + " (settings: docs/configuration.md)";
    }

    /** A URL with the value of any {@code password=} parameter masked. */
    public static String maskPassword(String url) {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1****");
    }

    /** Edit distance (insertions, deletions, substitutions, adjacent swaps). */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] =
                        Math.min(
                                Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1
                        && j > 1
                        && a.charAt(i - 1) == b.charAt(j - 2)
                        && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
