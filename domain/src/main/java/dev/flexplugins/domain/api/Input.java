package dev.flexplugins.domain.api;

/**
 * What a refusal is about: one of the domain's fields ({@link Field}) or a parameter of a request
 * that the application layer reads (its {@code Parameter}). The domain never spells one: each
 * facade names it its own way (REST {@code UniqueName}, gRPC {@code unique_name}), in the error's
 * field and in its message (see {@link PluginServiceException#message(String)}).
 */
public interface Input {
    /** The constant's name, e.g. {@code UNIQUE_NAME}: for logs and for the facades' tables. */
    String name();
}
