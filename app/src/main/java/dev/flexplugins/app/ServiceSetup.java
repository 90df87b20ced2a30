package dev.flexplugins.app;

import dev.flexplugins.application.Accounts;
import dev.flexplugins.application.ApiKeys;
import dev.flexplugins.application.AuditTrail;
import dev.flexplugins.application.Availability;
import dev.flexplugins.application.CommandSender;
import dev.flexplugins.application.ConfigurationCatalog;
import dev.flexplugins.application.ConsoleSessions;
import dev.flexplugins.application.FlexConfigurations;
import dev.flexplugins.application.PageTokens;
import dev.flexplugins.application.PluginCatalog;
import dev.flexplugins.application.RequestReplay;
import dev.flexplugins.application.ServiceSettings;
import dev.flexplugins.application.SignInThrottle;
import dev.flexplugins.projections.ConfigurationProjection;
import dev.flexplugins.projections.EventLog;
import dev.flexplugins.projections.FeedSignal;
import dev.flexplugins.projections.PluginProjection;
import dev.flexplugins.projections.PluginVersionProjection;
import dev.flexplugins.projections.RequestLogProjection;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.HexFormat;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The application services both facades call. */
@Factory
public class ServiceSetup {
    private static final Logger LOG = LoggerFactory.getLogger(ServiceSetup.class);

    @Singleton
    ServiceSettings serviceSettings(FlexProperties properties) {
        return new ServiceSettings(
                properties.getPublicBaseUrl(),
                properties.getHttp().getMaxBodyBytes(),
                properties.getHttp().getAllowedHosts(),
                properties.getHttp().getTrustedProxies(),
                properties.getStreams().getMaxPerAccount(),
                properties.getStreams().getThreads());
    }

    @Singleton
    Availability availability() {
        return new Availability();
    }

    @Singleton
    ApiKeys apiKeys(MicronautTransactions connections) {
        return new ApiKeys(connections);
    }

    @Singleton
    ConsoleSessions consoleSessions(MicronautTransactions connections) {
        return new ConsoleSessions(connections);
    }

    @Singleton
    SignInThrottle signInThrottle(FlexProperties properties) {
        FlexProperties.Auth auth = properties.getAuth();
        return new SignInThrottle(
                new SignInThrottle.Limits(
                        auth.getMaxFailuresPerAddress(),
                        auth.getAccountAlertFailures(),
                        auth.getFailureWindow()),
                Clock.systemUTC(),
                (accountSid, failures, window) ->
                        LOG.warn(
                                "Account {} had {} failed sign-ins within {} s, from any addresses:"
                                        + " someone may be guessing its credentials (its sign-ins"
                                        + " from other addresses are not refused; each address is"
                                        + " throttled on its own failures)",
                                accountSid,
                                failures,
                                window.toSeconds()));
    }

    @Singleton
    Accounts accounts(MicronautTransactions connections, SignInThrottle throttle, ApiKeys keys) {
        return new Accounts(connections, throttle, keys);
    }

    @Singleton
    FlexConfigurations flexConfigurations(CommandSender commands, EventLog log) {
        return new FlexConfigurations(commands, log);
    }

    @Singleton
    PageTokens pageTokens(Database database) {
        return new PageTokens(HexFormat.of().parseHex(secret(database, "page-token-key")));
    }

    @Singleton
    CommandSender commandSender(CommandGateway gateway) {
        return new CommandSender(gateway);
    }

    @Singleton
    RequestReplay requestReplay(RequestLogProjection requestLog) {
        return new RequestReplay(requestLog);
    }

    @Singleton
    PluginCatalog pluginCatalog(
            CommandSender commands,
            PluginProjection plugins,
            PluginVersionProjection versions,
            PageTokens pageTokens,
            RequestReplay requests,
            EventLog log) {
        return new PluginCatalog(commands, plugins, versions, pageTokens, requests, log);
    }

    @Singleton
    ConfigurationCatalog configurationCatalog(
            CommandSender commands,
            ConfigurationProjection views,
            PluginCatalog plugins,
            EventLog log,
            PageTokens pageTokens,
            RequestReplay requests) {
        return new ConfigurationCatalog(commands, views, plugins, log, pageTokens, requests);
    }

    @Singleton
    AuditTrail auditTrail(
            PluginCatalog catalog, EventLog log, FeedSignal signal, PageTokens pageTokens) {
        return new AuditTrail(catalog, log, signal, pageTokens);
    }

    /** A secret generated on first start and shared by every node on the same database. */
    static String secret(Database database, String name) {
        try (Connection c = database.dataSource().getConnection()) {
            String existing = readSecret(c, name);
            if (existing != null) {
                return existing;
            }
            byte[] bytes = new byte[32];
            new SecureRandom().nextBytes(bytes);
            try (PreparedStatement ps =
                    c.prepareStatement("INSERT INTO service_secret (name, secret) VALUES (?, ?)")) {
                ps.setString(1, name);
                ps.setString(2, HexFormat.of().formatHex(bytes));
                ps.executeUpdate();
            } catch (SQLException raceLost) {
                // another node stored it first; use theirs
            }
            return readSecret(c, name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read service secrets: " + e.getMessage(), e);
        }
    }

    private static String readSecret(Connection c, String name) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("SELECT secret FROM service_secret WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }
}
