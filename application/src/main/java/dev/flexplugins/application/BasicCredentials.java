package dev.flexplugins.application;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * HTTP Basic credentials as both facades receive them ({@code Authorization: Basic
 * base64(AccountSid:AuthToken)} on REST, the same in gRPC metadata), parsed in one place.
 */
public record BasicCredentials(String username, String password) {

    /**
     * The credentials in an {@code Authorization} value, or empty when it is absent or malformed.
     */
    public static Optional<BasicCredentials> parse(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        String decoded;
        try {
            decoded =
                    new String(
                            Base64.getDecoder().decode(authorization.substring(6).trim()),
                            StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            return Optional.empty();
        }
        return Optional.of(
                new BasicCredentials(decoded.substring(0, colon), decoded.substring(colon + 1)));
    }
}
