package dev.flexplugins.application;

/**
 * The settings the facades read (from the service's one settings tree, {@code flex.*}; see README,
 * "Configuration").
 *
 * @param publicBaseUrl scheme and host for absolute URLs, without a trailing slash; null when unset
 * @param maxBodyBytes the largest REST request body accepted
 */
public record ServiceSettings(String publicBaseUrl, int maxBodyBytes) {
    public ServiceSettings {
        publicBaseUrl = ResourceUrls.configuredBase(publicBaseUrl);
    }
}
