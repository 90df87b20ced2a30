package dev.flexplugins.rest;

import dev.flexplugins.application.ServiceSettings;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.Optional;

/**
 * Where absolute URLs in answers point ({@code url}, {@code links}, {@code next_page_url}). Clients
 * follow them with their credentials, so they never come from an unchecked header: the configured
 * public base URL when set; otherwise the request's Host, only when it is an allowed host; the
 * {@code X-Forwarded-Proto} / {@code X-Forwarded-Host} headers only from a trusted proxy.
 */
final class PublicAddress {

    private PublicAddress() {}

    /**
     * Why this request's host is not served (an answer would point elsewhere); empty when it is.
     */
    static Optional<String> refusal(HttpRequest<?> request, ServiceSettings settings) {
        if (settings.publicBaseUrl() != null) {
            return Optional.empty();
        }
        String host = host(request, settings);
        if (host == null) {
            return Optional.empty();
        }
        if (!validHost(host)) {
            return Optional.of("The Host header is not a valid host name");
        }
        String lower = host.toLowerCase(Locale.ROOT);
        String name =
                lower.startsWith("[")
                        ? lower.substring(0, lower.indexOf(']') + 1)
                        : lower.split(":", 2)[0];
        if (settings.allowedHosts().contains(lower) || settings.allowedHosts().contains(name)) {
            return Optional.empty();
        }
        return Optional.of(
                "Host "
                        + name
                        + " is not served here: set FLEX_PUBLIC_BASE_URL to the address clients"
                        + " use, or add the host to FLEX_ALLOWED_HOSTS");
    }

    /**
     * A host name or bracketed IPv6 address with an optional port of 1 to 5 digits: {@code
     * (\[[0-9A-Fa-f:.]+]|[A-Za-z0-9.-]+)(:\d{1,5})?}, checked by hand (every request asks twice;
     * the regular expression was a measurable part of a fetch).
     */
    static boolean validHost(String host) {
        int n = host.length();
        int i = 0;
        if (n > 0 && host.charAt(0) == '[') {
            i = 1;
            while (i < n && ipv6Char(host.charAt(i))) {
                i++;
            }
            if (i == 1 || i >= n || host.charAt(i) != ']') {
                return false;
            }
            i++;
        } else {
            while (i < n && nameChar(host.charAt(i))) {
                i++;
            }
            if (i == 0) {
                return false;
            }
        }
        if (i == n) {
            return true;
        }
        int digits = n - i - 1;
        if (host.charAt(i) != ':' || digits < 1 || digits > 5) {
            return false;
        }
        for (int j = i + 1; j < n; j++) {
            if (host.charAt(j) < '0' || host.charAt(j) > '9') {
                return false;
            }
        }
        return true;
    }

    private static boolean ipv6Char(char c) {
        return (c >= '0' && c <= '9')
                || (c >= 'a' && c <= 'f')
                || (c >= 'A' && c <= 'F')
                || c == ':'
                || c == '.';
    }

    private static boolean nameChar(char c) {
        return (c >= '0' && c <= '9')
                || (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || c == '.'
                || c == '-';
    }

    /** Scheme and authority for absolute URLs in the answer to {@code request}. */
    static String baseUrl(HttpRequest<?> request, ServiceSettings settings) {
        if (settings.publicBaseUrl() != null) {
            return settings.publicBaseUrl();
        }
        String host = host(request, settings);
        if (host == null || !validHost(host)) {
            host = "localhost:" + request.getServerAddress().getPort();
        }
        String scheme = request.isSecure() ? "https" : "http";
        String proto =
                trusted(request, settings) ? request.getHeaders().get("X-Forwarded-Proto") : null;
        if ("https".equalsIgnoreCase(proto) || "http".equalsIgnoreCase(proto)) {
            scheme = proto.toLowerCase(Locale.ROOT);
        }
        return scheme + "://" + host;
    }

    private static String host(HttpRequest<?> request, ServiceSettings settings) {
        if (trusted(request, settings)) {
            String forwarded = request.getHeaders().get("X-Forwarded-Host");
            if (forwarded != null && !forwarded.isBlank()) {
                return forwarded.split(",", 2)[0].trim();
            }
        }
        return request.getHeaders().get(HttpHeaders.HOST);
    }

    private static boolean trusted(HttpRequest<?> request, ServiceSettings settings) {
        if (settings.trustedProxies().isEmpty()) {
            return false;
        }
        InetSocketAddress peer = request.getRemoteAddress();
        return peer != null
                && peer.getAddress() != null
                && settings.trustedProxies().contains(peer.getAddress().getHostAddress());
    }
}
