package dev.flexplugins.app;

import dev.flexplugins.app.cli.Cli;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.Micronaut;
import java.util.Map;

/**
 * Starts the service (REST on FLEX_HTTP_PORT, gRPC on FLEX_GRPC_PORT, over the database named by
 * FLEX_DB_URL), or runs an operator command: replay, verify, export.
 */
public final class Application {
    private Application() {}

    public static void main(String[] args) {
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
