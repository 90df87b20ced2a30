package dev.flexplugins.app;

import dev.flexplugins.app.cli.Cli;
import dev.flexplugins.app.cli.Usage;
import dev.flexplugins.app.settings.Settings;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import io.micronaut.runtime.Micronaut;
import java.util.Map;

/**
 * Starts the service (REST on FLEX_HTTP_PORT, gRPC on FLEX_GRPC_PORT, over the database named by
 * FLEX_DB_URL), or runs an operator command: replay, verify, export, settings; {@code --help} lists
 * them. Every setting is checked before anything starts (StartupChecks).
 */
public final class Application {
    private Application() {}

    public static void main(String[] args) {
        Map<String, String> environment = System.getenv();
        if (args.length > 0) {
            switch (args[0]) {
                case "--help", "-h", "help" -> {
                    if (args.length > 1) {
                        if (!Usage.printCommand(args[1], System.out)) {
                            System.err.println("unknown command " + args[1]);
                            Usage.print(System.err);
                            System.exit(2);
                        }
                    } else {
                        Usage.print(System.out);
                    }
                    System.exit(0);
                }
                case "--version", "-V" -> {
                    System.out.println("flex-plugin-service " + Usage.version());
                    System.exit(0);
                }
                case "settings" -> {
                    if (args.length > 1) {
                        System.err.println("settings takes no arguments");
                        Usage.printCommand("settings", System.err);
                        System.exit(2);
                    }
                    System.exit(
                            StartupChecks.list(
                                    StartupChecks.settings(environment), System.out, System.err));
                }
                case "serve" -> {
                    if (args.length > 1) {
                        System.err.println(
                                "serve takes no arguments (settings are environment variables)");
                        Usage.printCommand("serve", System.err);
                        System.exit(2);
                    }
                    args = new String[0];
                }
                default -> {
                    if (!Cli.COMMANDS.contains(args[0])) {
                        System.err.println("unknown command or option " + args[0]);
                        Usage.print(System.err);
                        System.exit(2);
                    }
                }
            }
        }
        Settings.Report settings = StartupChecks.settings(environment);
        if (!StartupChecks.report(settings, System.err)) {
            System.exit(StartupChecks.SETTINGS);
        }
        // values the checks accept in a form Micronaut's converters do not (a duration of 0)
        settings.canonicalOverrides().forEach(System::setProperty);
        if (args.length > 0 && Cli.COMMANDS.contains(args[0])) {
            if (environment.get("FLEX_LOG_LEVEL") == null) {
                System.setProperty("FLEX_LOG_LEVEL", "WARN"); // commands print their own output
            }
            System.exit(Cli.run(args, Map.of(), System.out, System.err));
        }
        ApplicationContext context;
        try {
            context = new Startup().mainClass(Application.class).banner(false).start();
        } catch (StartupFailed failed) {
            Throwable e = failed.getCause();
            if (Database.inUse(e)) {
                System.err.println(new Database.InUse().getMessage());
                System.exit(3);
            }
            boolean debug = StartupChecks.debug(environment);
            StartupChecks.Failure failure =
                    StartupChecks.describe(e, settings.value("FLEX_DB_URL"), debug);
            System.err.println(failure.line());
            if (debug) {
                e.printStackTrace();
            }
            System.exit(failure.exitCode());
            return;
        }
        GracefulShutdown.install(context);
    }

    /** Micronaut's start, with a failed start handed back to main (which explains it in a line). */
    private static final class Startup extends Micronaut {
        @Override
        protected void handleStartupException(Environment environment, Throwable exception) {
            throw new StartupFailed(exception);
        }
    }

    private static final class StartupFailed extends RuntimeException {
        StartupFailed(Throwable cause) {
            super(cause);
        }
    }
}
