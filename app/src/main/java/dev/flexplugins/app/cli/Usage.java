package dev.flexplugins.app.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/** What {@code java -jar flex-plugin-service.jar --help} prints: commands, options and settings. */
public final class Usage {
    private Usage() {}

    /** Each command's usage line and description, in the order the help lists them. */
    static final Map<String, String> COMMANDS = new LinkedHashMap<>();

    static {
        COMMANDS.put(
                "serve",
                """
                serve
                  Runs the service: REST on FLEX_HTTP_PORT (8080), gRPC on FLEX_GRPC_PORT (9090), over
                  the database FLEX_DB_URL (default: an embedded H2 file under ./data). The default
                  when no command is given. Stops cleanly on SIGTERM.""");
        COMMANDS.put(
                "settings",
                """
                settings
                  Prints every setting (FLEX_* environment variable), its effective value and where
                  it came from (default, environment, file), secrets masked. Exit 0, or 2 with one
                  line per invalid value: run it before a deploy.""");
        COMMANDS.put(
                "replay",
                """
                replay
                  Rebuilds every view from the event log, beside the running service (PostgreSQL) or
                  with it stopped (embedded H2). Prints progress; exit 0 when done.""");
        COMMANDS.put(
                "verify",
                """
                verify
                  Compares every view row with the resource folded from the log and recomputes every
                  hash chain. Prints one DIFF line per difference; exit 1 if any, 0 otherwise.""");
        COMMANDS.put(
                "export",
                """
                export [--after POSITION]
                  Writes the log in feed order as JSON Lines on stdout; --after resumes after a
                  position.""");
        COMMANDS.put(
                "create-key",
                """
                create-key ACCOUNT_SID [FRIENDLY_NAME]
                  Creates an API key of the account and prints its SID and secret (the secret once).
                  Sign in with SK...:secret wherever an account SID and auth token work.""");
        COMMANDS.put(
                "rotate-token",
                """
                rotate-token ACCOUNT_SID
                  Gives the account a new random auth token and prints it (once) on stdout. The old
                  token stops working at once on this node, within a minute on the others.""");
    }

    static final String SETTINGS =
            """
            Settings (environment variables; docs/configuration.md lists them all, and the
            settings command shows their values):
              FLEX_DB_URL, FLEX_DB_USER, FLEX_DB_PASSWORD   the database (PostgreSQL in production)
              FLEX_HTTP_PORT, FLEX_GRPC_PORT                the ports
              FLEX_PUBLIC_BASE_URL                          scheme and host of absolute URLs
              FLEX_BOOTSTRAP_ACCOUNT_SID, FLEX_BOOTSTRAP_AUTH_TOKEN   the first account
              FLEX_LOG_LEVEL, FLEX_LOG_FORMAT               logging (json for one object per line)""";

    /** The whole usage text. */
    public static void print(PrintStream out) {
        out.println(
                "Flex Plugin Service "
                        + version()
                        + ": Twilio Flex PluginService v1, self-hosted.");
        out.println();
        out.println("Usage: java -jar flex-plugin-service.jar [COMMAND] [OPTIONS]");
        out.println("       java -jar flex-plugin-service.jar --help | help COMMAND | --version");
        out.println();
        out.println("Commands:");
        for (String text : COMMANDS.values()) {
            out.println(indent(text));
        }
        out.println();
        out.println(SETTINGS);
    }

    /** One command's usage; false when there is no such command. */
    public static boolean printCommand(String name, PrintStream out) {
        String text = COMMANDS.get(name);
        if (text == null) {
            return false;
        }
        out.println(
                "Usage: java -jar flex-plugin-service.jar "
                        + text.lines().findFirst().orElse(name));
        text.lines().skip(1).forEach(out::println);
        return true;
    }

    /** The version the jar was built as. */
    public static String version() {
        try (InputStream in = Usage.class.getResourceAsStream("/flex-version.properties")) {
            if (in == null) {
                return "(unknown version)";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "(unknown version)");
        } catch (IOException e) {
            return "(unknown version)";
        }
    }

    private static String indent(String text) {
        return text.lines().map(l -> "  " + l).reduce((a, b) -> a + "\n" + b).orElse("");
    }
}
