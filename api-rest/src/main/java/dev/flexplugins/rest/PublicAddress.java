package dev.flexplugins.rest;

import dev.flexplugins.application.ServiceSettings;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where absolute URLs in answers point ({@code url}, {@code links}, {@code next_page_url}). Clients
 * follow them with their credentials, so they never come from an unchecked header: the configured
 * public base URL when set; otherwise the request's Host, only when it is an allowed host; the
 * {@code X-Forwarded-Proto} / {@code X-Forwarded-Host} headers only from a trusted proxy.
 */
final class PublicAddress {
    private static final Pattern HOST =
            Pattern.compile("(\\[[0-9A-Fa-f:.]+]|[A-Za-z0-9.-]+)(:\\d{1,5})?");

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
        if (!HOST.matcher(host).matches()) {
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

    /** Scheme and authority for absolute URLs in the answer to {@code request}. */
    static String baseUrl(HttpRequest<?> request, ServiceSettings settings) {
        if (settings.publicBaseUrl() != null) {
            return settings.publicBaseUrl();
        }
        String host = host(request, settings);
        if (host == null || !HOST.matcher(host).matches()) {
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
