package dev.flexplugins.rest;

import dev.flexplugins.application.Parameter;
import dev.flexplugins.domain.api.Field;
import dev.flexplugins.domain.api.PluginServiceException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An {@code application/x-www-form-urlencoded} body, read the way the official clients send it:
 * {@code +} or {@code %20} for spaces, and also the Flex Plugins CLI's raw, unencoded values (JSON
 * objects with braces and quotes). A {@code %} that does not start a valid escape is kept as it is,
 * so raw values survive.
 */
final class FormBody {
    private final Map<String, List<String>> values;

    private FormBody(Map<String, List<String>> values) {
        this.values = values;
    }

    static FormBody empty() {
        return new FormBody(Map.of());
    }

    static FormBody parse(byte[] body) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        String text = new String(body, StandardCharsets.ISO_8859_1);
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            values.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return new FormBody(values);
    }

    /** The first value of {@code name}, or null when absent. */
    String get(String name) {
        List<String> list = values.get(name);
        return list == null || list.isEmpty() ? null : list.get(0);
    }

    List<String> all(String name) {
        return values.getOrDefault(name, List.of());
    }

    /**
     * A boolean parameter: {@code true}/{@code false} in any case; absent gives {@code fallback}.
     */
    boolean bool(Field field, boolean fallback) {
        String value = get(RestNames.of(field));
        if (value == null) {
            return fallback;
        }
        if (value.equalsIgnoreCase("true")) {
            return true;
        }
        if (value.equalsIgnoreCase("false")) {
            return false;
        }
        throw PluginServiceException.invalid(field, RestNames.of(field) + " must be true or false");
    }

    private static String decode(String raw) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '+') {
                bytes.write(' ');
            } else if (c == '%' && isHex(raw, i + 1) && isHex(raw, i + 2)) {
                bytes.write(Integer.parseInt(raw.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                bytes.write(c);
            }
        }
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw PluginServiceException.invalid(
                    Parameter.BODY, "The request body is not valid UTF-8");
        }
    }

    private static boolean isHex(String s, int i) {
        return i < s.length() && Character.digit(s.charAt(i), 16) >= 0;
    }
}
