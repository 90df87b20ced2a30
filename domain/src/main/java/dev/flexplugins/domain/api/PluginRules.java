package dev.flexplugins.domain.api;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.regex.Pattern;

/**
 * The input rules of plugins and plugin versions, in one place. Both facades reach them through the
 * aggregates; the limits are documented in the README.
 */
public final class PluginRules {
    public static final int UNIQUE_NAME_MAX = 128;
    public static final int FRIENDLY_NAME_MAX = 255;
    public static final int DESCRIPTION_MAX = 4096;
    public static final int VERSION_MAX = 128;
    public static final int PLUGIN_URL_MAX = 2048;
    public static final int CHANGELOG_MAX = 16384;
    public static final int CLI_VERSION_MAX = 64;
    public static final int VALIDATE_STATUS_MAX = 32;

    /** The official SemVer 2.0.0 grammar (semver.org), without a leading "v". */
    private static final Pattern SEMVER =
            Pattern.compile(
                    "^(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)"
                            + "(?:-((?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?"
                            + "(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?$");

    private static final Pattern UNIQUE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9._+-]+");

    private PluginRules() {}

    public static void uniqueName(String value) {
        required(Field.UNIQUE_NAME, value);
        maxLength(Field.UNIQUE_NAME, value, UNIQUE_NAME_MAX);
        if (!UNIQUE_NAME.matcher(value).matches()) {
            throw PluginServiceException.invalid(
                    Field.UNIQUE_NAME,
                    input ->
                            input
                                    + " must start with a letter or digit and contain only letters, digits, '.', '_' and '-'");
        }
        if (Sids.looksLikeSid(value)) {
            throw PluginServiceException.invalid(
                    Field.UNIQUE_NAME, input -> input + " must not have the shape of a SID");
        }
    }

    public static void friendlyName(String value) {
        optionalText(Field.FRIENDLY_NAME, value, FRIENDLY_NAME_MAX);
    }

    public static void description(String value) {
        optionalText(Field.DESCRIPTION, value, DESCRIPTION_MAX);
    }

    public static void version(String value) {
        required(Field.VERSION, value);
        maxLength(Field.VERSION, value, VERSION_MAX);
        if (!SEMVER.matcher(value).matches()) {
            throw PluginServiceException.invalid(
                    Field.VERSION,
                    input ->
                            input
                                    + " must be a Semantic Versioning 2.0.0 version such as 1.2.3 or 1.2.3-beta.1");
        }
    }

    public static void pluginUrl(String value) {
        required(Field.PLUGIN_URL, value);
        maxLength(Field.PLUGIN_URL, value, PLUGIN_URL_MAX);
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw PluginServiceException.invalid(
                    Field.PLUGIN_URL, input -> input + " is not a valid URL");
        }
        if (!uri.isAbsolute()
                || !"https".equalsIgnoreCase(uri.getScheme())
                || uri.getHost() == null
                || uri.getHost().isEmpty()) {
            throw PluginServiceException.invalid(
                    Field.PLUGIN_URL, input -> input + " must be an absolute https URL");
        }
    }

    public static void changelog(String value) {
        optionalText(Field.CHANGELOG, value, CHANGELOG_MAX);
    }

    public static void cliVersion(String value) {
        optionalToken(Field.CLI_VERSION, value, CLI_VERSION_MAX);
    }

    public static void validateStatus(String value) {
        optionalToken(Field.VALIDATE_STATUS, value, VALIDATE_STATUS_MAX);
    }

    /** {@code validated} is true exactly when the CLI reported {@code ValidateStatus=success}. */
    public static boolean validated(String validateStatus) {
        return "success".equalsIgnoreCase(validateStatus);
    }

    private static void required(Field field, String value) {
        if (value == null || value.isBlank()) {
            throw PluginServiceException.missing(field);
        }
    }

    private static void maxLength(Field field, String value, int max) {
        if (value.codePointCount(0, value.length()) > max) {
            throw PluginServiceException.invalid(
                    field, input -> input + " must be at most " + max + " characters");
        }
    }

    private static void optionalText(Field field, String value, int max) {
        if (value == null) {
            return;
        }
        maxLength(field, value, max);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 && c != '\n' && c != '\r' && c != '\t') {
                throw PluginServiceException.invalid(
                        field, input -> input + " must not contain control characters");
            }
        }
    }

    private static void optionalToken(Field field, String value, int max) {
        if (value == null) {
            return;
        }
        maxLength(field, value, max);
        if (!TOKEN.matcher(value).matches()) {
            throw PluginServiceException.invalid(
                    field,
                    input -> input + " may contain only letters, digits, '.', '_', '+' and '-'");
        }
    }
}
