package dev.flexplugins.eventstore;

/**
 * A stored event with its feed position ({@code null} while the sequencer has not reached it) and
 * the account the feed files it under.
 */
public record PositionedEvent(Long position, String accountSid, StoredEvent event) {}
