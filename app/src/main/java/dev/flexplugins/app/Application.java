package dev.flexplugins.app;

import io.micronaut.runtime.Micronaut;

/** Starts the service: REST on FLEX_HTTP_PORT over the database named by FLEX_DB_URL. */
public final class Application {
    private Application() {
    }

    public static void main(String[] args) {
        Micronaut.build(args).mainClass(Application.class).banner(false).start();
    }
}
