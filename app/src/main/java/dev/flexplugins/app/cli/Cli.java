package dev.flexplugins.app.cli;

import dev.flexplugins.app.Database;
import dev.flexplugins.app.FlexProperties;
import dev.flexplugins.app.log.AxonEventStorage;
import dev.flexplugins.application.Accounts;
import dev.flexplugins.application.ApiKeys;
import dev.flexplugins.application.ResourceUrls;
import dev.flexplugins.projections.EventLog;
import io.micronaut.context.ApplicationContext;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;

/**
 * The operator commands of the jar: {@code replay}, {@code verify}, {@code export [--after N]}.
 * They open the same database as the service (same environment variables), next to a running
 * service or without one, and start no server.
 */
public final class Cli {
    public static final Set<String> COMMANDS =
            Set.of("replay", "verify", "export", "rotate-token", "create-key");

    private Cli() {}

    /** Runs a command and returns the process exit code. */
    public static int run(
            String[] args, Map<String, Object> properties, PrintStream out, PrintStream err) {
        Map<String, Object> quiet = new HashMap<>(Map.of("logger.levels.root", "WARN"));
        // the commands scan the whole log: fewer, larger reads than the service's tracking
        // readers
        quiet.put("flex.log.read-batch", 1000);
        quiet.putAll(properties);
        try (ApplicationContext context =
                ApplicationContext.builder().environments("cli").properties(quiet).start()) {
            ConnectionProvider connections = context.getBean(ConnectionProvider.class);
            TransactionManager transactions = context.getBean(TransactionManager.class);
            AxonEventStorage engine = context.getBean(AxonEventStorage.class);
            switch (args[0]) {
                case "replay":
                    return new Replay(
                                    context.getBean(Database.class),
                                    connections,
                                    transactions,
                                    engine,
                                    out)
                            .run();
                case "verify":
                    {
                        // one read transaction: consistent, and lets PostgreSQL stream large
                        // results
                        var tx = transactions.startTransaction();
                        try {
                            return new Verify(connections, engine, out).run();
                        } finally {
                            tx.rollback();
                        }
                    }
                case "create-key":
                    {
                        if (args.length < 2 || args.length > 3 || !Accounts.isAccountSid(args[1])) {
                            err.println("usage: create-key ACCOUNT_SID [FRIENDLY_NAME]");
                            return 2;
                        }
                        if (!context.getBean(Accounts.class).exists(args[1])) {
                            err.println("create-key: no account " + args[1]);
                            return 1;
                        }
                        ApiKeys.Created key =
                                context.getBean(ApiKeys.class)
                                        .create(args[1], args.length == 3 ? args[2] : null);
                        out.println(key.key().sid() + " " + key.secret());
                        err.println(
                                "create-key: API key "
                                        + key.key().sid()
                                        + " of "
                                        + args[1]
                                        + " (sid and secret on stdout; the secret is shown once)");
                        return 0;
                    }
                case "rotate-token":
                    {
                        if (args.length != 2 || !Accounts.isAccountSid(args[1])) {
                            err.println("usage: rotate-token ACCOUNT_SID");
                            return 2;
                        }
                        Accounts accounts = context.getBean(Accounts.class);
                        if (!accounts.exists(args[1])) {
                            err.println("rotate-token: no account " + args[1]);
                            return 1;
                        }
                        String token = Accounts.newCredentials()[1];
                        accounts.put(args[1], token, "rotated");
                        out.println(token);
                        err.println(
                                "rotate-token: "
                                        + args[1]
                                        + " has a new auth token (printed on stdout, shown"
                                        + " once); the old one stops working at once on this node and within a minute on"
                                        + " every other node");
                        return 0;
                    }
                case "export":
                    long after = 0;
                    if (args.length == 3 && args[1].equals("--after")) {
                        after = Long.parseLong(args[2]);
                    } else if (args.length != 1) {
                        err.println("usage: export [--after POSITION]");
                        return 2;
                    }
                    String base =
                            ResourceUrls.configuredBase(
                                    context.getBean(FlexProperties.class).getPublicBaseUrl());
                    if (base == null) {
                        base =
                                "http://localhost:"
                                        + context.getProperty(
                                                        "micronaut.server.port", Integer.class)
                                                .orElse(8080);
                    }
                    long written =
                            new Export(context.getBean(EventLog.class), base, out).run(after);
                    err.printf("export: %d events%n", written);
                    return 0;
                default:
                    err.println(
                            "unknown command "
                                    + args[0]
                                    + "; commands: replay, verify, export [--after POSITION]");
                    return 2;
            }
        } catch (NumberFormatException e) {
            err.println("export: --after takes a position (a whole number)");
            return 2;
        } catch (Exception e) {
            if (Database.inUse(e)) {
                err.println(args[0] + ": " + new Database.InUse().getMessage());
                return 3;
            }
            err.println(args[0] + " failed: " + e.getMessage());
            e.printStackTrace(err);
            return 1;
        }
    }
}
