package dev.flexplugins.domain.api;

import org.axonframework.messaging.MetaData;

/**
 * What a command was decided on: stream {@code stream} at its event {@code head} (the plugin a new
 * version was checked against). The event the command applies carries it in its metadata under
 * {@link #METADATA_KEY}; the event store appends the event only if, as of the last committed state
 * its insert sees, {@code stream} is still at {@code head} (and, for a stream's first event, the
 * stream has no events), else writes nothing and the command is decided again. A change still
 * uncommitted at that moment is not seen: a version created at the very moment its plugin is
 * archived may land, ordered before the archive. Never stored with the event.
 */
public record DecidedOn(String stream, long head) {
    public static final String METADATA_KEY = "decidedOn";

    public MetaData asMetaData() {
        return MetaData.with(METADATA_KEY, this);
    }
}
