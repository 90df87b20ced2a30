package dev.flexplugins.domain.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

/**
 * Reads {@code PluginVersionCreated} as first released (no revision, flag named {@code
 * privateBundle}) as revision 2 ({@code requiresAuthorization}). The stored event is never
 * rewritten: it is transformed each time it is read.
 */
public class PluginVersionCreatedUpcaster extends SingleEventUpcaster {
    static final SimpleSerializedType REVISION_1 =
            new SimpleSerializedType(PluginEvents.PluginVersionCreated.class.getName(), null);

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return representation.getType().equals(REVISION_1);
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(
            IntermediateEventRepresentation representation) {
        return representation.upcastPayload(
                new SimpleSerializedType(REVISION_1.getName(), "2"),
                JsonNode.class,
                json -> {
                    ObjectNode node = ((ObjectNode) json).deepCopy();
                    node.set("requiresAuthorization", node.remove("privateBundle"));
                    return node;
                });
    }
}
