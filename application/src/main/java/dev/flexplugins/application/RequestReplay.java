package dev.flexplugins.application;

import dev.flexplugins.domain.api.PluginServiceException;
import dev.flexplugins.projections.RequestLogProjection;
import java.util.Optional;
import java.util.function.Function;

/**
 * Safe retries: when the caller chose its request id and that request already changed something,
 * the resource as it is now; a request id reused for a different change is refused.
 */
public class RequestReplay {
    private final RequestLogProjection requests;

    public RequestReplay(RequestLogProjection requests) {
        this.requests = requests;
    }

    /**
     * @param eventType the event the operation records (the request log keeps its class's simple
     *     name)
     * @param aggregateId the resource it targets, or null when the resource gets a fresh SID
     * @param load reads the resource by SID
     */
    <T> Optional<T> replayed(
            CallContext ctx,
            Class<?> eventType,
            String aggregateId,
            Function<String, Optional<T>> load) {
        if (!ctx.clientRequestId()) {
            return Optional.empty();
        }
        Optional<RequestLogProjection.Entry> entry =
                requests.find(ctx.accountSid(), ctx.channel(), ctx.requestId());
        if (entry.isEmpty()) {
            return Optional.empty();
        }
        if (!entry.get().eventType().equals(eventType.getSimpleName())
                || (aggregateId != null && !entry.get().aggregateId().equals(aggregateId))) {
            throw PluginServiceException.invalid(
                    Parameter.REQUEST_ID,
                    input ->
                            "The request id ("
                                    + input
                                    + ") "
                                    + ctx.requestId()
                                    + " was already used for a different request");
        }
        return load.apply(entry.get().aggregateId());
    }
}
