package dev.flexplugins.eventstore;

/**
 * Which events of the feed to read: one account's, or one resource's (then every event must be the
 * account's, else none is answered), optionally of one type; positions after {@code after}
 * ascending, or the page that ends just before {@code before}; at most {@code limit}.
 */
public record FeedQuery(
        String accountSid, String resourceSid, String type, Long after, Long before, int limit) {}
