package dev.flexplugins.domain.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The part of Flex's account Configuration resource ({@code /v1/Configuration}) that the Flex
 * Plugins CLI and SDKs read and write: the Serverless services hosting plugin bundles, the Flex UI
 * version and dependencies, and whether the Plugin Service is enabled. One per account; its
 * aggregate identifier is the account SID.
 */
public final class FlexConfiguration {
    public static final int SERVERLESS_SERVICES_MAX = 10;
    public static final int UI_VERSION_MAX = 64;
    public static final int UI_DEPENDENCIES_MAX = 50;
    public static final int UI_DEPENDENCY_MAX = 128;

    private static final Pattern SERVERLESS_SERVICE_SID = Pattern.compile("ZS[0-9a-f]{32}");
    private static final Pattern PRINTABLE = Pattern.compile("[\\x20-\\x7E]*");

    private FlexConfiguration() {}

    /** Changes the account's configuration; a null field keeps its value. */
    public record UpdateFlexConfiguration(
            @TargetAggregateIdentifier String accountSid,
            List<String> serverlessServiceSids,
            String uiVersion,
            Map<String, String> uiDependencies,
            Boolean pluginServiceEnabled) {}

    /** The configuration after a change, whole (so any instant's state is its last event's). */
    public record FlexConfigurationUpdated(
            String accountSid,
            List<String> serverlessServiceSids,
            String uiVersion,
            Map<String, String> uiDependencies,
            boolean pluginServiceEnabled) {}

    /** The state of an account that never changed it: empty, as Twilio's is for a new account. */
    public static FlexConfigurationUpdated defaults(String accountSid) {
        return new FlexConfigurationUpdated(accountSid, List.of(), "", Map.of(), false);
    }

    /** Checks a change; refuses it with the field named. */
    public static void check(UpdateFlexConfiguration change) {
        if (change.serverlessServiceSids() != null) {
            if (change.serverlessServiceSids().size() > SERVERLESS_SERVICES_MAX) {
                throw PluginServiceException.invalid(
                        Field.SERVERLESS_SERVICE_SIDS,
                        input -> input + " holds at most " + SERVERLESS_SERVICES_MAX + " services");
            }
            for (String sid : change.serverlessServiceSids()) {
                if (sid == null || !SERVERLESS_SERVICE_SID.matcher(sid).matches()) {
                    throw PluginServiceException.invalid(
                            Field.SERVERLESS_SERVICE_SIDS,
                            input ->
                                    input
                                            + " must be Serverless Service SIDs (ZS followed by 32 hex digits)");
                }
            }
        }
        if (change.uiVersion() != null
                && (change.uiVersion().length() > UI_VERSION_MAX
                        || !PRINTABLE.matcher(change.uiVersion()).matches())) {
            throw PluginServiceException.invalid(
                    Field.UI_VERSION,
                    input ->
                            input + " must be at most " + UI_VERSION_MAX + " printable characters");
        }
        if (change.uiDependencies() != null) {
            if (change.uiDependencies().size() > UI_DEPENDENCIES_MAX) {
                throw PluginServiceException.invalid(
                        Field.UI_DEPENDENCIES,
                        input -> input + " holds at most " + UI_DEPENDENCIES_MAX + " entries");
            }
            for (Map.Entry<String, String> e : change.uiDependencies().entrySet()) {
                if (!text(e.getKey()) || e.getKey().isEmpty() || !text(e.getValue())) {
                    throw PluginServiceException.invalid(
                            Field.UI_DEPENDENCIES,
                            input ->
                                    input
                                            + " maps package names to versions, each at most "
                                            + UI_DEPENDENCY_MAX
                                            + " printable characters");
                }
            }
        }
    }

    private static boolean text(String value) {
        return value != null
                && value.length() <= UI_DEPENDENCY_MAX
                && PRINTABLE.matcher(value).matches();
    }

    /** {@code current} with {@code change} applied. */
    public static FlexConfigurationUpdated apply(
            FlexConfigurationUpdated current, UpdateFlexConfiguration change) {
        return new FlexConfigurationUpdated(
                current.accountSid(),
                change.serverlessServiceSids() != null
                        ? List.copyOf(change.serverlessServiceSids())
                        : current.serverlessServiceSids(),
                change.uiVersion() != null ? change.uiVersion() : current.uiVersion(),
                change.uiDependencies() != null
                        ? new LinkedHashMap<>(change.uiDependencies())
                        : current.uiDependencies(),
                change.pluginServiceEnabled() != null
                        ? change.pluginServiceEnabled()
                        : current.pluginServiceEnabled());
    }
}
