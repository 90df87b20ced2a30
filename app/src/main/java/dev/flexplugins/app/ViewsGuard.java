package dev.flexplugins.app;

import dev.flexplugins.application.ServiceUnavailableException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes "an event committed without its view rows" impossible: the views run in the command's
 * transaction only while their subscribing processor is subscribed, and during shutdown Axon
 * unsubscribes it before commands stop arriving. Every event published in a unit of work is
 * counted, and so is every event the views processor handled; the transaction refuses to commit
 * when the two differ, so the command fails cleanly (503 / UNAVAILABLE) and nothing is stored.
 */
final class ViewsGuard {
    private static final Logger LOG = LoggerFactory.getLogger(ViewsGuard.class);
    private static final String PUBLISHED = "flex.eventsPublished";
    private static final String VIEWED = "flex.eventsViewed";

    private ViewsGuard() {}

    /** On the event bus: counts the events each unit of work publishes. */
    static MessageDispatchInterceptor<EventMessage<?>> countPublished() {
        return new MessageDispatchInterceptor<>() {
            @Override
            public BiFunction<Integer, EventMessage<?>, EventMessage<?>> handle(
                    List<? extends EventMessage<?>> messages) {
                return (index, message) -> {
                    if (CurrentUnitOfWork.isStarted()) {
                        counter(CurrentUnitOfWork.get().root(), PUBLISHED).incrementAndGet();
                    }
                    return message;
                };
            }
        };
    }

    /** On the views processor: counts the events the views applied. */
    static MessageHandlerInterceptor<EventMessage<?>> countViewed() {
        return (unitOfWork, chain) -> {
            Object result = chain.proceed();
            counter(unitOfWork.root(), VIEWED).incrementAndGet();
            return result;
        };
    }

    /**
     * Just before a transaction commits: fails it when an event of its unit of work skipped the
     * views.
     */
    static void beforeCommit() {
        if (!CurrentUnitOfWork.isStarted()) {
            return;
        }
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        int published = counter(root, PUBLISHED).get();
        int viewed = counter(root, VIEWED).get();
        if (published > viewed) {
            LOG.warn(
                    "Refused to commit {} event(s) that the views did not apply ({} applied): the views processor"
                            + " is not running (the service is stopping)",
                    published,
                    viewed);
            throw new ServiceUnavailableException(ServiceUnavailableException.STOPPING);
        }
    }

    /** How many events the unit of work published (for metrics). */
    static int published(UnitOfWork<?> unitOfWork) {
        return counter(unitOfWork.root(), PUBLISHED).get();
    }

    private static AtomicInteger counter(UnitOfWork<?> root, String key) {
        return root.getOrComputeResource(key, k -> new AtomicInteger());
    }
}
