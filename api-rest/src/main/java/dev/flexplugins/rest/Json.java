package dev.flexplugins.rest;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.util.BufferRecycler;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Writes response bodies exactly as the Twilio clients parse them: ordered keys, nulls kept. */
@Singleton
final class Json {
    private final ObjectMapper mapper = new ObjectMapper();

    MutableHttpResponse<byte[]> ok(Map<String, Object> body) {
        return respond(HttpStatus.OK, body);
    }

    MutableHttpResponse<byte[]> created(Map<String, Object> body) {
        return respond(HttpStatus.CREATED, body);
    }

    MutableHttpResponse<byte[]> error(TwilioError error, String message) {
        return respond(
                HttpStatus.valueOf(error.status), errorBody(error.code, error.status, message));
    }

    /** A Twilio error body for {@code status} (which may be one no TwilioError names). */
    String body(TwilioError error, int status, String message) {
        try {
            return mapper.writeValueAsString(errorBody(error.code, status, message));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> errorBody(int code, int status, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", code);
        body.put("message", message);
        body.put("more_info", "https://www.twilio.com/docs/errors/" + code);
        body.put("status", status);
        return body;
    }

    /** 503 with {@code Retry-After}: nothing was changed, and a retry in a moment may succeed. */
    MutableHttpResponse<byte[]> unavailable(String message) {
        return error(TwilioError.SERVICE_UNAVAILABLE, message).header(HttpHeaders.RETRY_AFTER, "1");
    }

    private MutableHttpResponse<byte[]> respond(HttpStatus status, Map<String, Object> body) {
        return HttpResponse.<byte[]>status(status)
                .contentType(MediaType.APPLICATION_JSON_TYPE)
                .body(bytes(body));
    }

    /**
     * The body as UTF-8 JSON, the bytes {@code ObjectMapper.writeValueAsBytes} writes for it, by
     * walking the maps and lists on Jackson's generator: the representations hold nothing but
     * strings, booleans, numbers, nulls, maps and lists, and a page of 50 versions spent a third of
     * its serialization in the data-binding layer (serializer look-ups per value, field names
     * escaped anew each time). Anything else is handed to the mapper.
     */
    byte[] bytes(Map<String, Object> body) {
        BufferRecycler recycler = mapper.getFactory()._getBufferRecycler();
        try (ByteArrayBuilder out = new ByteArrayBuilder(recycler)) {
            try (JsonGenerator g = mapper.getFactory().createGenerator(out, JsonEncoding.UTF8)) {
                write(g, body);
            }
            byte[] bytes = out.toByteArray();
            out.release();
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            recycler.releaseToPool();
        }
    }

    /**
     * A value that writes itself on the generator, for the representations written most (the
     * versions of a list page): its field names are constants encoded once, and no map is built for
     * it. It writes the bytes its map representation would.
     */
    interface Written {
        void writeTo(JsonGenerator g) throws IOException;
    }

    /** Field names, each encoded once; a bounded set (clients' own keys may reach it too). */
    private static final Map<String, SerializedString> NAMES = new ConcurrentHashMap<>();

    private static final int MAX_NAMES = 4096;

    private void write(JsonGenerator g, Object value) throws IOException {
        if (value == null) {
            g.writeNull();
        } else if (value instanceof String s) {
            g.writeString(s);
        } else if (value instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (value instanceof Integer i) {
            g.writeNumber(i);
        } else if (value instanceof Long l) {
            g.writeNumber(l);
        } else if (value instanceof Written written) {
            written.writeTo(g);
        } else if (value instanceof Map<?, ?> map) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                fieldName(g, String.valueOf(e.getKey()));
                write(g, e.getValue());
            }
            g.writeEndObject();
        } else if (value instanceof Collection<?> list) {
            g.writeStartArray();
            for (Object item : list) {
                write(g, item);
            }
            g.writeEndArray();
        } else {
            mapper.writeValue(g, value);
        }
    }

    /**
     * A field name: printable ASCII names (every name the representations use) pre-encoded once,
     * anything else (a client's own keys, say) written as the generator writes any name.
     */
    private static void fieldName(JsonGenerator g, String key) throws IOException {
        SerializedString name = NAMES.get(key);
        if (name == null) {
            if (!plain(key)) {
                g.writeFieldName(key);
                return;
            }
            name = new SerializedString(key);
            if (NAMES.size() < MAX_NAMES) {
                NAMES.put(key, name);
            }
        }
        g.writeFieldName(name);
    }

    private static boolean plain(String key) {
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
                return false;
            }
        }
        return true;
    }
}
