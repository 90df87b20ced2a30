package dev.flexplugins.application;

import dev.flexplugins.projections.model.ConfigurationView;
import dev.flexplugins.projections.model.ConfiguredPluginView;
import dev.flexplugins.projections.model.LoggedEvent;
import dev.flexplugins.projections.model.PluginVersionView;
import dev.flexplugins.projections.model.PluginView;
import dev.flexplugins.projections.model.ReleaseView;
import java.time.Instant;
import java.util.Map;

/**
 * What the application hands the facades (REST, gRPC, console): each resource as its callers see
 * it, without how it is stored. The views' rows carry a list key and the log's events a global
 * index; both stay behind this layer (the architecture test keeps the facades away from {@code
 * projections}). Each record is made by {@code of}: a resource from its view row, an {@code
 * AuditEvent} from the event the log answered.
 */
public final class Resources {
    private Resources() {}

    /** A plugin. */
    public record Plugin(
            String sid,
            String accountSid,
            String uniqueName,
            String friendlyName,
            String description,
            boolean archived,
            Instant dateCreated,
            Instant dateUpdated) {
        static Plugin of(PluginView v) {
            return new Plugin(
                    v.sid(),
                    v.accountSid(),
                    v.uniqueName(),
                    v.friendlyName(),
                    v.description(),
                    v.archived(),
                    v.dateCreated(),
                    v.dateUpdated());
        }
    }

    /** A version of a plugin. */
    public record PluginVersion(
            String sid,
            String accountSid,
            String pluginSid,
            String version,
            String pluginUrl,
            String changelog,
            boolean requiresAuthorization,
            boolean archived,
            boolean validated,
            String cliVersion,
            String validateStatus,
            Instant dateCreated) {
        static PluginVersion of(PluginVersionView v) {
            return new PluginVersion(
                    v.sid(),
                    v.accountSid(),
                    v.pluginSid(),
                    v.version(),
                    v.pluginUrl(),
                    v.changelog(),
                    v.requiresAuthorization(),
                    v.archived(),
                    v.validated(),
                    v.cliVersion(),
                    v.validateStatus(),
                    v.dateCreated());
        }
    }

    /** A configuration: a named set of plugin versions, each with its phase. */
    public record Configuration(
            String sid,
            String accountSid,
            String name,
            String description,
            boolean archived,
            Instant dateCreated) {
        static Configuration of(ConfigurationView v) {
            return new Configuration(
                    v.sid(),
                    v.accountSid(),
                    v.name(),
                    v.description(),
                    v.archived(),
                    v.dateCreated());
        }
    }

    /**
     * A plugin version in a configuration, with the plugin's and the version's current names and
     * archived states.
     */
    public record ConfiguredPlugin(
            String accountSid,
            String configurationSid,
            String pluginSid,
            String pluginVersionSid,
            int phase,
            String pluginUrl,
            String uniqueName,
            String friendlyName,
            String description,
            boolean pluginArchived,
            String version,
            String changelog,
            boolean pluginVersionArchived,
            boolean requiresAuthorization,
            Instant dateCreated) {
        static ConfiguredPlugin of(ConfiguredPluginView v) {
            return new ConfiguredPlugin(
                    v.accountSid(),
                    v.configurationSid(),
                    v.pluginSid(),
                    v.pluginVersionSid(),
                    v.phase(),
                    v.pluginUrl(),
                    v.uniqueName(),
                    v.friendlyName(),
                    v.description(),
                    v.pluginArchived(),
                    v.version(),
                    v.changelog(),
                    v.pluginVersionArchived(),
                    v.requiresAuthorization(),
                    v.dateCreated());
        }
    }

    /**
     * A release: the configuration made active at a moment (the newest release is the active one).
     */
    public record Release(
            String sid, String accountSid, String configurationSid, Instant dateCreated) {
        static Release of(ReleaseView v) {
            return new Release(v.sid(), v.accountSid(), v.configurationSid(), v.dateCreated());
        }
    }

    /**
     * One change in the audit trail, upcast to its current shape.
     *
     * @param position its place in the feed (commit order), or null if the feed has not reached it
     * @param sequence its number within its resource (0 for the creation)
     * @param resourceSid the resource it belongs to
     * @param type the public type name, e.g. {@code plugin_version.created}
     * @param occurredAt when it was recorded
     * @param metadata who, how and which request ({@code accountSid}, {@code actor}, ...)
     * @param payload the event itself
     */
    public record AuditEvent(
            Long position,
            long sequence,
            String resourceSid,
            String type,
            Instant occurredAt,
            Map<String, ?> metadata,
            Object payload) {
        /** The event as auditors see it (also for {@code export}, which reads the log itself). */
        public static AuditEvent of(LoggedEvent e) {
            return new AuditEvent(
                    e.position(),
                    e.sequence(),
                    e.resourceSid(),
                    e.type(),
                    e.occurredAt(),
                    e.metadata(),
                    e.payload());
        }
    }
}
