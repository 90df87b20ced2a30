package dev.flexplugins.rest;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

/** The REST facade's settings (see README, "Configuration"). */
@Singleton
final class RestSettings {
    final String publicBaseUrl;
    final int maxBodyBytes;

    RestSettings(@Value("${flex.public-base-url:}") String publicBaseUrl,
                 @Value("${flex.http.max-body-bytes:262144}") int maxBodyBytes) {
        this.publicBaseUrl = publicBaseUrl;
        this.maxBodyBytes = maxBodyBytes;
    }
}
