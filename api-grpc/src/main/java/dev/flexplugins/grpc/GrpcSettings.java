package dev.flexplugins.grpc;

import dev.flexplugins.application.ResourceUrls;
import dev.flexplugins.application.ServiceSettings;
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

    GrpcSettings(ServiceSettings settings, Provider<EmbeddedServer> httpServer) {
        this.publicBaseUrl = settings.publicBaseUrl();
        this.httpServer = httpServer;
    }

    String baseUrl() {
        String configured = ResourceUrls.configuredBase(publicBaseUrl);
        if (configured != null) {
            return configured;
        }
        return "http://localhost:" + httpServer.get().getPort();
    }
}
