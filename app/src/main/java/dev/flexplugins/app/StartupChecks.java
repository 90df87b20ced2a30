package dev.flexplugins.app;

import dev.flexplugins.app.settings.Settings;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import java.io.PrintStream;
import java.net.BindException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What {@code main} checks and says before and while the service starts: the settings (every
 * problem on one line each, exit 2), the {@code settings} command's listing, and a start-up that
 * failed all the same (one line naming the setting at fault; the stack trace only with {@code
 * FLEX_LOG_LEVEL=DEBUG}).
 */
final class StartupChecks {
    /** Exit code of a start-up refused for its settings or its surroundings (database, port). */
    static final int SETTINGS = 2;

    private StartupChecks() {}

    /** The settings as the service would read them, from Micronaut's own property sources. */
    static Settings.Report settings(Map<String, String> environment) {
        List<String> logging = Settings.loggingProblems(environment);
        if (!logging.isEmpty()) {
            // before Micronaut reads its property sources, which logs (at DEBUG, for logback,
            // on a level it does not know)
            return new Settings.Report(List.of(), logging, List.of());
        }
        ApplicationContext unstarted = ApplicationContext.builder().build();
        Environment properties = unstarted.getEnvironment();
        properties.start();
        try {
            return Settings.check(environment, key -> properties.getProperty(key, String.class));
        } finally {
            properties.stop();
        }
    }

    /** Prints the warnings and problems; true when the service may start. */
    static boolean report(Settings.Report report, PrintStream err) {
        report.warnings().forEach(err::println);
        report.problems().forEach(err::println);
        return report.problems().isEmpty();
    }

    /** The {@code settings} command: every setting, its effective value and its source. */
    static int list(Settings.Report report, PrintStream out, PrintStream err) {
        int width =
                report.values().stream()
                        .mapToInt(v -> v.setting().variable().length())
                        .max()
                        .orElse(0);
        for (Settings.Value v : report.values()) {
            out.printf(
                    "%-" + width + "s  %-11s  %s%n",
                    v.setting().variable(),
                    v.source(),
                    v.setting().shown(v.value()));
        }
        return report(report, err) ? 0 : SETTINGS;
    }

    /** Whether the operator asked for stack traces. */
    static boolean debug(Map<String, String> environment) {
        String level = environment.getOrDefault("FLEX_LOG_LEVEL", "");
        return level.equalsIgnoreCase("DEBUG") || level.equalsIgnoreCase("TRACE");
    }

    /** A failed start-up in one line, and the exit code it deserves. */
    record Failure(String line, int exitCode) {}

    /**
     * @param databaseUrl the effective FLEX_DB_URL, named when the database cannot be opened
     * @param debug whether the stack trace is printed too (then the line does not offer it)
     */
    static Failure describe(Throwable failure, String databaseUrl, boolean debug) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = failure; t != null && chain.size() < 64; t = t.getCause()) {
            chain.add(t);
            if (t.getCause() == t) {
                break;
            }
        }
        Throwable root = chain.get(chain.size() - 1);
        for (Throwable t : chain) {
            if (t instanceof BindException) {
                String where =
                        chain.stream()
                                .map(Throwable::getMessage)
                                .filter(m -> m != null && m.matches(".*:[0-9]+.*"))
                                .findFirst()
                                .orElse(t.getMessage());
                return new Failure(
                        "cannot listen: "
                                + where.replaceFirst("^(?:[a-z0-9_]+\\.)+[A-Za-z0-9_$]+: ", "")
                                + " ("
                                + t.getMessage()
                                + "); check FLEX_HTTP_PORT and FLEX_GRPC_PORT",
                        SETTINGS);
            }
        }
        for (Throwable t : chain) {
            if (t instanceof SQLException sql && cannotOpen(sql.getSQLState())) {
                return new Failure(
                        "FLEX_DB_URL="
                                + Settings.maskPassword(databaseUrl)
                                + ": cannot open the database: "
                                + oneLine(deepestMessage(chain, t)),
                        SETTINGS);
            }
        }
        return new Failure(
                "start-up failed: "
                        + root.getClass().getSimpleName()
                        + ": "
                        + oneLine(String.valueOf(root.getMessage()))
                        + (debug ? "" : " (FLEX_LOG_LEVEL=DEBUG prints the stack trace)"),
                1);
    }

    /**
     * SQL states of a database that cannot be opened: no connection (08), credentials refused (28),
     * no such database (3D), or a server not accepting connections now (57P03).
     */
    private static boolean cannotOpen(String state) {
        return state != null
                && (state.startsWith("08")
                        || state.startsWith("28")
                        || state.startsWith("3D")
                        || state.equals("57P03"));
    }

    /** The message of the deepest cause from {@code from} down (a driver's own words). */
    private static String deepestMessage(List<Throwable> chain, Throwable from) {
        String message = from.getMessage();
        for (int i = chain.indexOf(from) + 1; i < chain.size(); i++) {
            Throwable t = chain.get(i);
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                message =
                        message
                                + (message.contains(t.getMessage())
                                        ? ""
                                        : " ("
                                                + t.getClass().getSimpleName()
                                                + ": "
                                                + t.getMessage()
                                                + ")");
            }
        }
        return message;
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\s*[\\r\\n]+\\s*", " ").trim();
    }
}
