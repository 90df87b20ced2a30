package dev.flexplugins.app;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.UnknownSerializedType;
import org.axonframework.serialization.json.JacksonSerializer;

/**
 * Axon's Jackson serializer, remembering which class each stored type name resolves to. Axon asks
 * the class loader anew for every payload and every metadata it deserializes (twice per event
 * read), which took about a tenth of the replay's reading thread; the log names a handful of types,
 * so the answers are kept. A name that resolves to no class is not kept (it is asked again, as Axon
 * does), nor the empty type, and at most {@link #LIMIT} names are.
 */
final class EventSerializer extends JacksonSerializer {
    static final int LIMIT = 1024;

    private final ConcurrentMap<String, Class<?>> classes = new ConcurrentHashMap<>();

    EventSerializer(Builder builder) {
        super(builder);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Class classForType(SerializedType type) {
        Class<?> known = classes.get(type.getName());
        if (known != null) {
            return known;
        }
        Class<?> resolved = super.classForType(type);
        if (resolved != UnknownSerializedType.class
                && resolved != Void.class
                && classes.size() < LIMIT) {
            classes.put(type.getName(), resolved);
        }
        return resolved;
    }
}
