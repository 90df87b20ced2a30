package dev.flexplugins.application;

import dev.flexplugins.domain.api.FlexConfiguration;
import dev.flexplugins.domain.api.FlexConfiguration.FlexConfigurationUpdated;
import dev.flexplugins.domain.api.FlexConfiguration.UpdateFlexConfiguration;
import dev.flexplugins.projections.EventLog;
import dev.flexplugins.projections.model.LoggedEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An account's Flex Configuration (the part the Flex Plugins CLI uses). It has no view: reads fold
 * the account's own short stream of changes from the log, so every instant's state (as-of reads)
 * and the history come for free, and nothing needs rebuilding.
 */
public class FlexConfigurations {
    /** The configuration at some instant, with when it was first and last changed (null: never). */
    public record State(
            FlexConfigurationUpdated configuration, Instant dateCreated, Instant dateUpdated) {}

    private final CommandSender commands;
    private final EventLog log;

    public FlexConfigurations(CommandSender commands, EventLog log) {
        this.commands = commands;
        this.log = log;
    }

    /** The caller's configuration now ({@code asOf} null) or at {@code asOf}. */
    public State fetch(CallContext ctx, Instant asOf) {
        Instant at = TimeTravel.asOf(asOf);
        List<LoggedEvent> events =
                at == null ? log.resource(ctx.accountSid()) : log.resource(ctx.accountSid(), at);
        List<LoggedEvent> changes =
                events.stream()
                        .filter(e -> e.payload() instanceof FlexConfigurationUpdated)
                        .toList();
        if (changes.isEmpty()) {
            return new State(FlexConfiguration.defaults(ctx.accountSid()), null, null);
        }
        LoggedEvent last = changes.get(changes.size() - 1);
        return new State(
                (FlexConfigurationUpdated) last.payload(),
                changes.get(0).occurredAt(),
                last.occurredAt());
    }

    /** Applies the caller's change (null fields keep their values) and answers the result. */
    public State update(
            CallContext ctx,
            List<String> serverlessServiceSids,
            String uiVersion,
            Map<String, String> uiDependencies,
            Boolean pluginServiceEnabled) {
        commands.send(
                ctx,
                new UpdateFlexConfiguration(
                        ctx.accountSid(),
                        serverlessServiceSids,
                        uiVersion,
                        uiDependencies,
                        pluginServiceEnabled));
        return fetch(ctx, null);
    }
}
