package dev.flexplugins.application;

import dev.flexplugins.domain.api.PluginServiceException;
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

    void send(CallContext ctx, Object command) {
        try {
            gateway.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(ctx.metadata()));
        } catch (AggregateNotFoundException e) {
            throw PluginServiceException.notFound("Sid", "The requested resource was not found");
        }
    }

    /**
     * Commands on an existing aggregate can lose an optimistic-concurrency race against another node
     * writing the same aggregate; they are decided again on the fresh state.
     */
    void sendRetryingConflicts(CallContext ctx, Object command) {
        for (int attempt = 1; ; attempt++) {
            try {
                send(ctx, command);
                return;
            } catch (ConcurrencyException e) {
                if (attempt == 5) {
                    throw e;
                }
            }
        }
    }
}
