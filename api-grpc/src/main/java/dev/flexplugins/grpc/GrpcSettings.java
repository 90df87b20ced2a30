package dev.flexplugins.grpc;

import io.micronaut.context.annotation.Value;
import io.micronaut.runtime.server.EmbeddedServer;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;

/**
 * The base of the REST URLs that gRPC resources report in {@code url} and {@code links}: the
 * configured public base URL, or this host's REST port.
 */
@Singleton
final class GrpcSettings {
    private final String publicBaseUrl;
    private final Provider<EmbeddedServer> httpServer;

    GrpcSettings(@Value("${flex.public-base-url:}") String publicBaseUrl, Provider<EmbeddedServer> httpServer) {
        this.publicBaseUrl = publicBaseUrl;
        this.httpServer = httpServer;
    }

    String baseUrl() {
        if (!publicBaseUrl.isBlank()) {
            return publicBaseUrl.endsWith("/") ? publicBaseUrl.substring(0, publicBaseUrl.length() - 1)
                    : publicBaseUrl;
        }
        return "http://localhost:" + httpServer.get().getPort();
    }
}
