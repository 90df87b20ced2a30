package dev.flexplugins.console;

import dev.flexplugins.application.ConsoleSessions;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/** Template models: plain maps (nulls allowed), times in UTC for the page script to localise. */
final class Model {
    private static final DateTimeFormatter UTC =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private Model() {}

    static Map<String, Object> of(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    /**
     * A time as pages show it: {@code iso} for the {@code datetime} attribute (the script shows it
     * in the viewer's time zone), {@code utc} for the text without script and for the hover.
     */
    static Map<String, Object> time(Instant instant) {
        if (instant == null) {
            return null;
        }
        return of("iso", instant.toString(), "utc", UTC.format(instant));
    }

    /** The model every signed-in page starts from. */
    static Map<String, Object> page(ConsoleSessions.Session session, String nav, String title) {
        return of(
                "me",
                of(
                        "account",
                        session.accountSid(),
                        "actor",
                        session.actor(),
                        "csrf",
                        session.csrfToken()),
                "nav",
                nav,
                "title",
                title);
    }
}
