package dev.flexplugins.app.settings;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What one setting accepts. Each rule says, in an operator's words, what it expected. */
public interface Rule {

    /** Empty when {@code value} is accepted; otherwise what the setting accepts. */
    Optional<String> problem(String value);

    /** The value as Micronaut's converters read it (a duration of {@code 0} as {@code 0ms}). */
    default String canonical(String value) {
        return value;
    }

    /** A duration: {@code 0}, a whole number with ms, s, m, h or d, or ISO-8601 ({@code PT1M}). */
    static Rule duration(Duration min, Duration max) {
        return new Rule() {
            @Override
            public Optional<String> problem(String value) {
                Optional<Duration> parsed = parseDuration(value);
                if (parsed.isEmpty()) {
                    return Optional.of("expected a duration such as 60s or 500ms");
                }
                Duration d = parsed.get();
                if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
                    return Optional.of(
                            "expected a duration from " + show(min) + " to " + show(max));
                }
                return Optional.empty();
            }

            @Override
            public String canonical(String value) {
                // every other accepted form is one Micronaut reads itself (it wants a unit)
                return value.equals("0") ? "0ms" : value;
            }
        };
    }

    /** A whole number within bounds. */
    static Rule count(long min, long max) {
        return value -> {
            try {
                long n = Long.parseLong(value);
                if (n >= min && n <= max) {
                    return Optional.empty();
                }
            } catch (NumberFormatException e) {
                // below
            }
            return Optional.of(
                    "expected a whole number from "
                            + String.format(Locale.ROOT, "%,d", min)
                            + " to "
                            + String.format(Locale.ROOT, "%,d", max));
        };
    }

    /** A TCP port. */
    static Rule port() {
        Rule count = count(1, 65_535);
        return value -> count.problem(value).map(p -> "expected a port number from 1 to 65535");
    }

    /** One of a few words, exactly. */
    static Rule oneOf(String... words) {
        return value ->
                List.of(words).contains(value)
                        ? Optional.empty()
                        : Optional.of("expected one of " + String.join(", ", words));
    }

    /** One of a few words, in any case. */
    static Rule oneOfAnyCase(String... words) {
        Rule exact = oneOf(words);
        return value -> exact.problem(value.toUpperCase(Locale.ROOT));
    }

    /** Any text (names, passwords). */
    static Rule text() {
        return value -> Optional.empty();
    }

    /** Empty, or text that matches {@code pattern}. */
    static Rule optional(Pattern pattern, String expected) {
        return value ->
                value.isEmpty() || pattern.matcher(value).matches()
                        ? Optional.empty()
                        : Optional.of(expected);
    }

    /** A JDBC URL of one of the two databases the service runs on. */
    static Rule jdbcUrl() {
        return value ->
                value.startsWith("jdbc:postgresql://") || value.startsWith("jdbc:h2:")
                        ? Optional.empty()
                        : Optional.of(
                                "expected a jdbc:postgresql://host:5432/database URL (or jdbc:h2:file:PATH for the embedded database)");
    }

    /** Empty, or an absolute http(s) URL without query or fragment. */
    static Rule baseUrl() {
        String expected = "expected an absolute URL such as https://plugins.example.com, or empty";
        return value -> {
            if (value.isEmpty()) {
                return Optional.empty();
            }
            try {
                URI uri = new URI(value);
                boolean web = "https".equals(uri.getScheme()) || "http".equals(uri.getScheme());
                return web
                                && uri.getHost() != null
                                && uri.getRawQuery() == null
                                && uri.getRawFragment() == null
                        ? Optional.empty()
                        : Optional.of(expected);
            } catch (URISyntaxException e) {
                return Optional.of(expected);
            }
        };
    }

    /** A comma-separated list of host names or addresses, each with an optional port. */
    static Rule hosts() {
        Pattern host =
                Pattern.compile(
                        "(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*|\\[[0-9A-Fa-f:.]+\\])(?::[0-9]{1,5})?");
        return list(
                entry -> host.matcher(entry).matches(),
                "expected comma-separated host names, optionally with :port (localhost,127.0.0.1,[::1])");
    }

    /** A comma-separated list of IP addresses (literals; no names are looked up). */
    static Rule addresses() {
        Pattern literal = Pattern.compile("[0-9.]+|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");
        return list(
                entry -> {
                    if (!literal.matcher(entry).matches()) {
                        return false;
                    }
                    try {
                        InetAddress.getByName(entry); // a literal: parsed, never looked up
                        return true;
                    } catch (UnknownHostException e) {
                        return false;
                    }
                },
                "expected comma-separated IP addresses (10.0.0.5,10.0.0.6)");
    }

    private static Rule list(java.util.function.Predicate<String> entry, String expected) {
        return value -> {
            for (String item : value.split(",", -1)) {
                String trimmed = item.trim();
                if (trimmed.isEmpty() && value.isBlank()) {
                    continue;
                }
                if (!entry.test(trimmed)) {
                    return Optional.of(expected);
                }
            }
            return Optional.empty();
        };
    }

    /** A duration as the settings accept it; empty when it is none. */
    static Optional<Duration> parseDuration(String value) {
        if (value.equals("0")) {
            return Optional.of(Duration.ZERO);
        }
        Matcher m = Pattern.compile("([0-9]+)(ms|s|m|h|d)").matcher(value);
        try {
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                return Optional.of(
                        switch (m.group(2)) {
                            case "ms" -> Duration.ofMillis(n);
                            case "s" -> Duration.ofSeconds(n);
                            case "m" -> Duration.ofMinutes(n);
                            case "h" -> Duration.ofHours(n);
                            default -> Duration.ofDays(n);
                        });
            }
            if (value.startsWith("P") || value.startsWith("-P")) {
                return Optional.of(Duration.parse(value));
            }
        } catch (NumberFormatException | ArithmeticException | DateTimeParseException e) {
            // below
        }
        return Optional.empty();
    }

    private static String show(Duration d) {
        if (d.isZero()) {
            return "0";
        }
        if (d.toMillis() % 86_400_000 == 0) {
            return d.toDays() + "d";
        }
        if (d.toMillis() % 3_600_000 == 0) {
            return d.toHours() + "h";
        }
        if (d.toMillis() % 60_000 == 0) {
            return d.toMinutes() + "m";
        }
        if (d.toMillis() % 1_000 == 0) {
            return d.toSeconds() + "s";
        }
        return d.toMillis() + "ms";
    }
}
