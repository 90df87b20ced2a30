package dev.flexplugins.domain.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Resource identifiers. A SID is a two-letter prefix and 32 lowercase hex digits.
 *
 * <p>Plugin and plugin-version SIDs are derived from their natural keys (account + unique name,
 * plugin + version string). That makes the natural key the aggregate identifier in the event store,
 * whose unique (aggregate, sequence) key then admits exactly one creation per key, however many
 * callers race, on one node or many.
 */
public final class Sids {
    public static final String ACCOUNT = "AC";
    public static final String PLUGIN = "FP";
    public static final String PLUGIN_VERSION = "FV";
    public static final String CONFIGURATION = "FJ";
    public static final String RELEASE = "FK";
    public static final String REQUEST = "RQ";

    private static final SecureRandom RANDOM = new SecureRandom();

    private Sids() {}

    /** True when {@code value} has the shape of any SID (two capitals and 32 lowercase hex). */
    public static boolean looksLikeSid(String value) {
        if (value == null || value.length() != 34) {
            return false;
        }
        for (int i = 0; i < 34; i++) {
            char c = value.charAt(i);
            boolean ok =
                    i < 2 ? c >= 'A' && c <= 'Z' : (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
            if (!ok) {
                return false;
            }
        }
        return true; // [A-Z]{2}[0-9a-f]{32}, checked by hand: every request asks, a regex cost more
    }

    /** True when {@code value} is a SID with the given prefix. */
    public static boolean isSid(String prefix, String value) {
        return looksLikeSid(value) && value.startsWith(prefix);
    }

    public static String plugin(String accountSid, String uniqueName) {
        return derive(PLUGIN, "plugin", accountSid, uniqueName);
    }

    public static String pluginVersion(String pluginSid, String version) {
        return derive(PLUGIN_VERSION, "plugin-version", pluginSid, version);
    }

    /** A fresh random SID, for resources without a natural key (accounts, request ids). */
    public static String random(String prefix) {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return prefix + HexFormat.of().formatHex(bytes);
    }

    private static String derive(String prefix, String kind, String scope, String key) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            key = key == null ? "" : key;
            sha.update(kind.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(scope.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(key.getBytes(StandardCharsets.UTF_8));
            byte[] digest = sha.digest();
            return prefix + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
