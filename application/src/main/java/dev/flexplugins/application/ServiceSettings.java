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
                trustedProxies.stream()
                        .map(String::trim)
                        .filter(h -> !h.isEmpty())
                        .map(ServiceSettings::canonicalAddress)
                        .toList();
    }

    /**
     * The address a request comes from, as the sign-in brake counts it: the connection's peer, or,
     * when the peer is a trusted proxy, the nearest address in {@code X-Forwarded-For} that is not
     * one of the trusted proxies (entries to its left were written by the client and prove
     * nothing). Behind a proxy every client would otherwise share the proxy's address, and one
     * client's failures would throttle all of them.
     *
     * @param peer the connection's peer address (a literal), or empty
     * @param forwardedFor the {@code X-Forwarded-For} values, comma-separated, or null
     */
    public String clientAddress(String peer, String forwardedFor) {
        if (forwardedFor == null || !trustedProxies.contains(canonicalAddress(peer))) {
            return peer;
        }
        String[] hops = forwardedFor.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = canonicalAddress(hops[i].trim());
            if (hop.isEmpty() || hop.length() > 64) {
                break;
            }
            if (!trustedProxies.contains(hop)) {
                return hop;
            }
        }
        return peer;
    }

    /**
     * An IPv6 literal in the form Java prints peers in ({@code ::1} is {@code 0:0:0:0:0:0:0:1}).
     */
    private static String canonicalAddress(String address) {
        if (address.indexOf(':') < 0 || !address.matches("[0-9A-Fa-f:.]+(%[\\w.-]+)?")) {
            return address; // IPv4, or not an IPv6 literal (never handed to a resolver)
        }
        try {
            // an IPv6 literal: parsed, never looked up
            return java.net.InetAddress.getByName(address).getHostAddress();
        } catch (java.net.UnknownHostException | SecurityException e) {
            return address;
        }
    }
}
