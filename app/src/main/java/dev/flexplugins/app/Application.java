package dev.flexplugins.app;

import dev.flexplugins.app.cli.Cli;
import dev.flexplugins.app.cli.Usage;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.Micronaut;
import java.util.Map;

/**
 * Starts the service (REST on FLEX_HTTP_PORT, gRPC on FLEX_GRPC_PORT, over the database named by
 * FLEX_DB_URL), or runs an operator command: replay, verify, export; {@code --help} lists them.
 */
public final class Application {
    private Application() {}

    public static void main(String[] args) {
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
        if (args.length > 0 && Cli.COMMANDS.contains(args[0])) {
            if (System.getenv("FLEX_LOG_LEVEL") == null) {
                System.setProperty("FLEX_LOG_LEVEL", "WARN"); // commands print their own output
            }
            System.exit(Cli.run(args, Map.of(), System.out, System.err));
        }
        ApplicationContext context;
        try {
            context = Micronaut.build(args).mainClass(Application.class).banner(false).start();
        } catch (RuntimeException e) {
            if (Database.inUse(e)) {
                System.err.println(new Database.InUse().getMessage());
                System.exit(3);
            }
            throw e;
        }
        GracefulShutdown.install(context);
    }
}
