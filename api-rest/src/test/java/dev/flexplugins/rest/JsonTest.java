package dev.flexplugins.rest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flexplugins.application.Resources.PluginVersion;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The bodies written by {@link Json} are byte for byte what Jackson's ObjectMapper writes. */
class JsonTest {
    private final Json json = new Json();
    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void randomBodiesAreWrittenExactlyAsTheObjectMapperWritesThem() throws Exception {
        Random random = new Random(20261129);
        for (int i = 0; i < 5_000; i++) {
            Map<String, Object> body = object(random, 0);
            assertArrayEquals(
                    mapper.writeValueAsBytes(body), json.bytes(body), () -> body.toString());
        }
    }

    @Test
    void textNeedingEscapesAndValuesOfOtherTypes() throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("quote\"and\\back", "line\nbreak\ttab\u0000nul\u001f\u007f");
        body.put("unicode", "caf\u00e9 \u4e2d\u6587 \ud83d\ude80 \u2028");
        body.put("lone surrogate", "\ud800x");
        body.put("numbers", List.of(0, -1, Integer.MAX_VALUE, Long.MIN_VALUE, 1.5d));
        body.put("decimal", new BigDecimal("12.50"));
        body.put("array", new String[] {"a", null});
        body.put("nested", Map.of("k", Arrays.asList(true, null, Map.of())));
        body.put("empty", "");
        assertArrayEquals(mapper.writeValueAsBytes(body), json.bytes(body));
        assertEquals(
                "{\"a\":null}",
                new String(json.bytes(nullValued("a")), StandardCharsets.UTF_8),
                "a null value is written, not left out");
    }

    @Test
    void versionsWrittenDirectlyAreTheBytesOfTheirMaps() throws Exception {
        Random random = new Random(20261130);
        for (int i = 0; i < 2_000; i++) {
            List<PluginVersion> versions = new ArrayList<>();
            for (int n = random.nextInt(4); n > 0; n--) {
                versions.add(
                        new PluginVersion(
                                text(random),
                                text(random),
                                text(random),
                                text(random),
                                text(random),
                                random.nextInt(3) == 0 ? null : text(random),
                                random.nextBoolean(),
                                random.nextBoolean(),
                                random.nextBoolean(),
                                text(random),
                                text(random),
                                random.nextInt(5) == 0
                                        ? null
                                        : Instant.ofEpochSecond(
                                                random.nextLong() % 400_000_000_000L,
                                                random.nextInt(1_000_000_000))));
            }
            String base = text(random);
            Map<String, Object> asMaps = new LinkedHashMap<>();
            asMaps.put(
                    "plugin_versions",
                    versions.stream().map(v -> Representations.version(v, base)).toList());
            Map<String, Object> written = new LinkedHashMap<>();
            written.put(
                    "plugin_versions",
                    versions.stream().map(v -> Representations.versionWritten(v, base)).toList());
            byte[] expected = mapper.writeValueAsBytes(asMaps);
            assertArrayEquals(expected, json.bytes(asMaps));
            assertArrayEquals(expected, json.bytes(written), () -> versions.toString());
        }
    }

    private static Map<String, Object> nullValued(String key) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(key, null);
        return m;
    }

    private static Map<String, Object> object(Random random, int depth) {
        Map<String, Object> m = new LinkedHashMap<>();
        int fields = random.nextInt(depth == 0 ? 12 : 5);
        for (int f = 0; f < fields; f++) {
            m.put(text(random), value(random, depth + 1));
        }
        return m;
    }

    private static Object value(Random random, int depth) {
        int kind = random.nextInt(depth > 3 ? 6 : 8);
        return switch (kind) {
            case 0 -> null;
            case 1, 2 -> text(random);
            case 3 -> random.nextBoolean();
            case 4 -> random.nextInt();
            case 5 -> random.nextLong();
            case 6 -> object(random, depth);
            default -> {
                List<Object> list = new ArrayList<>();
                for (int i = random.nextInt(4); i > 0; i--) {
                    list.add(value(random, depth + 1));
                }
                yield list;
            }
        };
    }

    /** Mostly ASCII, with control characters, quotes, backslashes and any other code unit. */
    private static String text(Random random) {
        StringBuilder s = new StringBuilder();
        for (int i = random.nextInt(40); i > 0; i--) {
            int pick = random.nextInt(10);
            s.append(
                    pick < 6
                            ? (char) (' ' + random.nextInt(95))
                            : pick == 6
                                    ? (char) random.nextInt(32)
                                    : pick == 7
                                            ? "\"\\/".charAt(random.nextInt(3))
                                            : (char) random.nextInt(0x10000));
        }
        return s.toString();
    }
}
