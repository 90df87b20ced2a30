package dev.flexplugins.application;

import java.util.List;
import java.util.Locale;

/**
 * The settings the facades read (from the service's one settings tree, {@code flex.*}; see README,
 * "Configuration").
 *
 * @param publicBaseUrl scheme and host for absolute URLs, without a trailing slash; null when unset
 * @param maxBodyBytes the largest REST request body accepted
 * @param allowedHosts Host header values absolute URLs may be built from (without a public base
 *     URL)
 * @param trustedProxies peer addresses whose forwarded headers are believed
 * @param streamsPerAccount live event streams one account may hold open
 * @param streamThreads threads that serve every live event stream
 */
public record ServiceSettings(
        String publicBaseUrl,
        int maxBodyBytes,
        List<String> allowedHosts,
        List<String> trustedProxies,
        int streamsPerAccount,
        int streamThreads) {
    public ServiceSettings {
        publicBaseUrl = ResourceUrls.configuredBase(publicBaseUrl);
        allowedHosts =
                allowedHosts.stream()
                        .map(h -> h.trim().toLowerCase(Locale.ROOT))
                        .filter(h -> !h.isEmpty())
                        .toList();
        trustedProxies =
                trustedProxies.stream().map(String::trim).filter(h -> !h.isEmpty()).toList();
    }
}
