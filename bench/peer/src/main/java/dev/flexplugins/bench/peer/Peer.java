package dev.flexplugins.bench.peer;

import io.micronaut.runtime.Micronaut;

/**
 * The service a user would write instead of an event-sourced one: the same three operations on the
 * same stack, as plain CRUD. A create is one transaction inserting an event row and a view row; a
 * fetch is one primary-key select; a list is one index range. bench/run measures it beside the
 * service, on the same PostgreSQL, with the same JVM flags, pool size and thread selection.
 */
public final class Peer {
    private Peer() {}

    public static void main(String[] args) {
        Micronaut.run(Peer.class, args);
    }
}
