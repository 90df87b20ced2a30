package dev.flexplugins.app;

import dev.flexplugins.app.log.AxonEventStorage;
import dev.flexplugins.projections.ViewReceipt;
import java.util.List;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.DomainEventMessage;

/**
 * The live views, applied by the event store's append ({@link AxonEventStorage}) to every event it
 * has just stored, with its global index, in the command's transaction: an event and its view rows
 * commit or roll back together, and a view that cannot apply an event fails the command. The views
 * are called, not subscribed: no processor stands between the append and the views, so none can be
 * stopped (as Axon stops its processors at shutdown) while commands still commit.
 */
final class LiveViews implements AxonEventStorage.Appended {
    private final List<AnnotationEventHandlerAdapter> views;

    LiveViews(Object... projections) {
        this.views =
                java.util.Arrays.stream(projections)
                        .map(AnnotationEventHandlerAdapter::new)
                        .toList();
    }

    @Override
    public void appended(List<DomainEventMessage<?>> events) {
        for (DomainEventMessage<?> event : events) {
            ViewReceipt.appended(event);
            for (AnnotationEventHandlerAdapter view : views) {
                if (view.canHandle(event)) {
                    try {
                        view.handle(event);
                    } catch (RuntimeException e) {
                        throw e;
                    } catch (Exception e) {
                        throw new IllegalStateException(
                                "view update failed for event "
                                        + event.getIdentifier()
                                        + ": "
                                        + e.getMessage(),
                                e);
                    }
                }
            }
        }
    }
}
