package dev.flexplugins.grpc;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Struct;
import com.google.protobuf.Timestamp;
import com.google.protobuf.util.JsonFormat;
import com.google.protobuf.util.Timestamps;
import dev.flexplugins.application.HistoryFormat;
import dev.flexplugins.application.Parameter;
import dev.flexplugins.application.ResourceUrls;
import dev.flexplugins.application.Resources;
import dev.flexplugins.application.TimeTravel;
import dev.flexplugins.domain.api.AuditMetadata;
import dev.flexplugins.domain.api.PluginServiceException;
import dev.flexplugins.grpc.v1.Configuration;
import dev.flexplugins.grpc.v1.ConfiguredPlugin;
import dev.flexplugins.grpc.v1.Event;
import dev.flexplugins.grpc.v1.Plugin;
import dev.flexplugins.grpc.v1.PluginVersion;
import dev.flexplugins.grpc.v1.Release;
import java.time.Instant;

/** The application's resources as proto messages, with the same fields as the REST JSON. */
final class ProtoMapping {
    private ProtoMapping() {}

    static Plugin plugin(Resources.Plugin p, String base) {
        return Plugin.newBuilder()
                .setSid(p.sid())
                .setAccountSid(p.accountSid())
                .setUniqueName(p.uniqueName())
                .setFriendlyName(nullToEmpty(p.friendlyName()))
                .setDescription(nullToEmpty(p.description()))
                .setArchived(p.archived())
                .setDateCreated(timestamp(p.dateCreated()))
                .setDateUpdated(timestamp(p.dateUpdated()))
                .setUrl(ResourceUrls.plugin(base, p.sid()))
                .putLinks("plugin_versions", ResourceUrls.pluginVersions(base, p.sid()))
                .build();
    }

    static PluginVersion version(Resources.PluginVersion v, String base) {
        return PluginVersion.newBuilder()
                .setSid(v.sid())
                .setAccountSid(v.accountSid())
                .setPluginSid(v.pluginSid())
                .setVersion(v.version())
                .setPluginUrl(v.pluginUrl())
                .setChangelog(nullToEmpty(v.changelog()))
                .setPrivate(v.requiresAuthorization())
                .setArchived(v.archived())
                .setValidated(v.validated())
                .setDateCreated(timestamp(v.dateCreated()))
                .setUrl(ResourceUrls.pluginVersion(base, v.pluginSid(), v.sid()))
                .build();
    }

    static Configuration configuration(Resources.Configuration c, String base) {
        return Configuration.newBuilder()
                .setSid(c.sid())
                .setAccountSid(c.accountSid())
                .setName(c.name())
                .setDescription(nullToEmpty(c.description()))
                .setArchived(c.archived())
                .setDateCreated(timestamp(c.dateCreated()))
                .setUrl(ResourceUrls.configuration(base, c.sid()))
                .putLinks("plugins", ResourceUrls.configuredPlugins(base, c.sid()))
                .build();
    }

    static ConfiguredPlugin configuredPlugin(Resources.ConfiguredPlugin p, String base) {
        return ConfiguredPlugin.newBuilder()
                .setAccountSid(p.accountSid())
                .setConfigurationSid(p.configurationSid())
                .setPluginSid(p.pluginSid())
                .setPluginVersionSid(p.pluginVersionSid())
                .setPhase(p.phase())
                .setPluginUrl(p.pluginUrl())
                .setUniqueName(p.uniqueName())
                .setFriendlyName(nullToEmpty(p.friendlyName()))
                .setDescription(nullToEmpty(p.description()))
                .setPluginArchived(p.pluginArchived())
                .setVersion(p.version())
                .setChangelog(nullToEmpty(p.changelog()))
                .setPluginVersionArchived(p.pluginVersionArchived())
                .setPrivate(p.requiresAuthorization())
                .setDateCreated(timestamp(p.dateCreated()))
                .setUrl(ResourceUrls.configuredPlugin(base, p.configurationSid(), p.pluginSid()))
                .build();
    }

    static Release release(Resources.Release r, String base) {
        return Release.newBuilder()
                .setSid(r.sid())
                .setAccountSid(r.accountSid())
                .setConfigurationSid(r.configurationSid())
                .setDateCreated(timestamp(r.dateCreated()))
                .setUrl(ResourceUrls.release(base, r.sid()))
                .build();
    }

    static Event event(Resources.AuditEvent e, String base) {
        Struct.Builder data = Struct.newBuilder();
        try {
            JsonFormat.parser().merge(HistoryFormat.data(e).toString(), data);
        } catch (InvalidProtocolBufferException ex) {
            throw new IllegalStateException("event data is not a JSON object", ex);
        }
        return Event.newBuilder()
                .setPosition(e.position() == null ? 0 : e.position())
                .setSequence(e.sequence())
                .setType(e.type())
                .setOccurredAt(timestamp(e.occurredAt()))
                .setAccountSid(nullToEmpty(HistoryFormat.meta(e, AuditMetadata.ACCOUNT_SID)))
                .setActor(nullToEmpty(HistoryFormat.meta(e, AuditMetadata.ACTOR)))
                .setChannel(nullToEmpty(HistoryFormat.meta(e, AuditMetadata.CHANNEL)))
                .setRequestId(nullToEmpty(HistoryFormat.meta(e, AuditMetadata.REQUEST_ID)))
                .setFlexMetadata(nullToEmpty(HistoryFormat.meta(e, AuditMetadata.FLEX_METADATA)))
                .setData(data)
                .setResourceSid(e.resourceSid())
                .setChainHash(nullToEmpty(HistoryFormat.meta(e, "chainHash")))
                .setUrl(e.position() == null ? "" : ResourceUrls.event(base, e.position()))
                .build();
    }

    /** A set {@code as_of}, or null; outside the years 1 to 9999 it is an invalid argument. */
    static Instant instant(boolean set, Timestamp timestamp) {
        if (!set) {
            return null;
        }
        if (!Timestamps.isValid(timestamp)) {
            throw PluginServiceException.invalid(
                    Parameter.AS_OF, "as_of must be between 0001-01-01 and 9999-12-31");
        }
        return TimeTravel.asOf(Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos()));
    }

    static Timestamp timestamp(Instant instant) {
        return Timestamp.newBuilder()
                .setSeconds(instant.getEpochSecond())
                .setNanos(instant.getNano())
                .build();
    }

    /** proto3 strings have no null: an empty optional text field means "not given". */
    static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
