package dev.flexplugins.application;

import dev.flexplugins.domain.api.Field;
import dev.flexplugins.domain.api.PluginServiceException;
import dev.flexplugins.domain.api.Sids;
import dev.flexplugins.domain.command.StreamHeads;
import dev.flexplugins.projections.ViewReceipt;
import java.util.Map;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;

/** Sends domain commands with the caller's audit metadata, waiting for their commit. */
public class CommandSender {
    private final CommandGateway gateway;

    public CommandSender(CommandGateway gateway) {
        this.gateway = gateway;
    }

    /**
     * Sends and waits for the commit; returns the view rows the command's events wrote, as
     * committed (a receipt sent with the command, see {@link
     * dev.flexplugins.projections.ViewReceipt}).
     */
    ViewReceipt send(CallContext ctx, Object command) {
        for (int attempt = 1; ; attempt++) {
            try {
                ViewReceipt views = new ViewReceipt();
                gateway.sendAndWait(
                        GenericCommandMessage.asCommandMessage(command)
                                .andMetaData(ctx.metadata())
                                .andMetaData(Map.of(ViewReceipt.METADATA_KEY, views)));
                return views;
            } catch (AggregateNotFoundException e) {
                String sid = String.valueOf(e.getAggregateIdentifier());
                throw PluginServiceException.notFound(
                        fieldOf(sid), "The requested resource " + sid + " was not found");
            } catch (StreamHeads.Changed e) {
                // decided on a remembered head that had moved on: nothing was written, and the
                // store reads the heads on the next attempt (another attempt fails only if the
                // resource moves on again in between)
                if (attempt == 5) {
                    throw e;
                }
            }
        }
    }

    private static Field fieldOf(String sid) {
        if (Sids.isSid(Sids.PLUGIN_VERSION, sid)) {
            return Field.PLUGIN_VERSION;
        }
        if (Sids.isSid(Sids.CONFIGURATION, sid)) {
            return Field.CONFIGURATION;
        }
        if (Sids.isSid(Sids.RELEASE, sid)) {
            return Field.RELEASE;
        }
        return Field.PLUGIN;
    }

    /**
     * Commands on an existing aggregate can lose an optimistic-concurrency race against another
     * node writing the same aggregate; they are decided again on the fresh state.
     */
    ViewReceipt sendRetryingConflicts(CallContext ctx, Object command) {
        for (int attempt = 1; ; attempt++) {
            try {
                return send(ctx, command);
            } catch (ConcurrencyException e) {
                if (attempt == 5) {
                    throw e;
                }
            }
        }
    }
}
