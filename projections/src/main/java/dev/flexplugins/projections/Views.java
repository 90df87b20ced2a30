package dev.flexplugins.projections;

/**
 * The live views: one subscribing processing group whose handlers run inside each command's
 * transaction, so an event and its view rows commit together (read-your-writes).
 */
public final class Views {
    /** The processing group of every live projection. */
    public static final String PROCESSING_GROUP = "views";

    private Views() {}
}
