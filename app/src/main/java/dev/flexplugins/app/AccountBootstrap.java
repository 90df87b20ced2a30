package dev.flexplugins.app;

import dev.flexplugins.application.Accounts;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure someone can call the service: the account named by FLEX_BOOTSTRAP_ACCOUNT_SID /
 * FLEX_BOOTSTRAP_AUTH_TOKEN is created or confirmed; without them, the embedded default creates a
 * development account once and prints its credentials.
 */
@Context
@Requires(notEnv = "cli")
final class AccountBootstrap {
    private static final Logger LOG = LoggerFactory.getLogger(AccountBootstrap.class);
    static final Path DEV_CREDENTIALS = Path.of("data", "development-account.env");

    AccountBootstrap(Accounts accounts, Database database, FlexProperties properties) {
        String accountSid = properties.getBootstrap().getAccountSid();
        String authToken = properties.getBootstrap().getAuthToken();
        if (!accountSid.isBlank() || !authToken.isBlank()) {
            if (accountSid.isBlank() || authToken.isBlank()) {
                throw new IllegalStateException(
                        "Set both FLEX_BOOTSTRAP_ACCOUNT_SID and FLEX_BOOTSTRAP_AUTH_TOKEN, or neither");
            }
            boolean created = accounts.put(accountSid, authToken, "bootstrap");
            LOG.info(
                    "Account {} {} from FLEX_BOOTSTRAP_ACCOUNT_SID",
                    accountSid,
                    created ? "created" : "confirmed");
            return;
        }
        if (!database.embedded()) {
            if (accounts.count() == 0) {
                LOG.warn(
                        "No accounts exist: set FLEX_BOOTSTRAP_ACCOUNT_SID and FLEX_BOOTSTRAP_AUTH_TOKEN to create one");
            }
            return;
        }
        var existing = accounts.firstAccountWithOrigin("development");
        if (existing.isPresent()) {
            LOG.info(
                    "Development account {} (credentials in {})",
                    existing.get(),
                    DEV_CREDENTIALS.toAbsolutePath());
            return;
        }
        String[] credentials = Accounts.newCredentials();
        accounts.put(credentials[0], credentials[1], "development");
        saveCredentials(credentials);
        System.out.printf(
                "%n  Development account created (embedded database only; shown once).%n"
                        + "    Account SID: %s%n    Auth token:  %s%n  Also saved to %s%n%n",
                credentials[0], credentials[1], DEV_CREDENTIALS.toAbsolutePath());
    }

    private static void saveCredentials(String[] credentials) {
        try {
            Files.createDirectories(DEV_CREDENTIALS.getParent());
            Files.writeString(
                    DEV_CREDENTIALS,
                    "FLEX_ACCOUNT_SID="
                            + credentials[0]
                            + "\nFLEX_AUTH_TOKEN="
                            + credentials[1]
                            + "\n",
                    StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING);
            try {
                Files.setPosixFilePermissions(
                        DEV_CREDENTIALS, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // best effort on non-POSIX file systems
            }
        } catch (IOException e) {
            LOG.warn(
                    "Could not save the development credentials to {}: {}",
                    DEV_CREDENTIALS,
                    e.getMessage());
        }
    }
}
