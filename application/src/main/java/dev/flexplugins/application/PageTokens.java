package dev.flexplugins.application;

import dev.flexplugins.domain.api.Input;
import dev.flexplugins.domain.api.PluginServiceException;
import dev.flexplugins.projections.Cursor;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Opaque page tokens: a keyset cursor bound to one list (account + collection) and signed with the
 * service's secret, so a token cannot be forged, edited, or replayed against another list. Format:
 * {@code PT} + base64url("v1|direction|listKey|pageIndex") + "." + base64url(HMAC, 16 bytes).
 */
public final class PageTokens {
    /** A decoded token: the cursor and the zero-based index of the page it opens. */
    public record Position(Cursor cursor, int page) {}

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final byte[] secret;

    public PageTokens(byte[] secret) {
        this.secret = secret.clone();
    }

    public String issue(String listScope, Cursor cursor, int page) {
        String body =
                "v1|"
                        + (cursor.direction() == Cursor.Direction.OLDER ? "o" : "n")
                        + "|"
                        + cursor.listKey()
                        + "|"
                        + page;
        return "PT"
                + ENCODER.encodeToString(body.getBytes(StandardCharsets.UTF_8))
                + "."
                + ENCODER.encodeToString(sign(listScope, body));
    }

    /**
     * Reads a token issued for {@code listScope}; anything else is refused as an invalid {@code
     * field}.
     */
    public Position read(String listScope, String token, Input field) {
        try {
            if (token.length() > 200 || !token.startsWith("PT")) {
                throw bad(field);
            }
            int dot = token.indexOf('.');
            if (dot < 0) {
                throw bad(field);
            }
            String body =
                    new String(DECODER.decode(token.substring(2, dot)), StandardCharsets.UTF_8);
            byte[] signature = DECODER.decode(token.substring(dot + 1));
            if (!MessageDigest.isEqual(signature, sign(listScope, body))) {
                throw bad(field);
            }
            String[] parts = body.split("\\|");
            if (parts.length != 4 || !parts[0].equals("v1")) {
                throw bad(field);
            }
            Cursor.Direction direction =
                    switch (parts[1]) {
                        case "o" -> Cursor.Direction.OLDER;
                        case "n" -> Cursor.Direction.NEWER;
                        default -> throw bad(field);
                    };
            return new Position(
                    new Cursor(direction, Long.parseLong(parts[2])), Integer.parseInt(parts[3]));
        } catch (IllegalArgumentException e) {
            throw bad(field);
        }
    }

    private byte[] sign(String listScope, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update(listScope.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            byte[] full = mac.doFinal(body.getBytes(StandardCharsets.UTF_8));
            byte[] truncated = new byte[16];
            System.arraycopy(full, 0, truncated, 0, 16);
            return truncated;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }

    private static PluginServiceException bad(Input field) {
        return PluginServiceException.invalid(
                field,
                input ->
                        "Invalid "
                                + input
                                + ": it must be a token taken unchanged from a next or previous page URL of this list");
    }
}
