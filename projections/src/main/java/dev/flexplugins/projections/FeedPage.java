package dev.flexplugins.projections;

import java.util.List;
import org.axonframework.eventhandling.DomainEventMessage;

/**
 * A page of the log for the feed's sequencer to position, in the order the log's reader found its
 * events (each with its global index in its metadata, {@link ViewSql#GLOBAL_INDEX_HINT}). Handed
 * over whole, as one message of the sequencer's processor, so the page's rows are written together,
 * in the transaction that also stores the processor's token.
 */
public record FeedPage(List<DomainEventMessage<?>> events) {}
