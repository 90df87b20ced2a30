package dev.flexplugins.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flexplugins.application.HistoryFormat;
import dev.flexplugins.application.Resources.AuditEvent;
import dev.flexplugins.projections.EventLog;
import dev.flexplugins.projections.model.LoggedEvent;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;

/**
 * {@code export [--after POSITION]}: the log in feed order as JSON Lines, in the history format.
 */
final class Export {
    private static final int BATCH = 1000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final EventLog log;
    private final String baseUrl;
    private final PrintStream out;

    Export(EventLog log, String baseUrl, PrintStream out) {
        this.log = log;
        this.baseUrl = baseUrl;
        this.out = out;
    }

    long run(long after) throws IOException {
        long position = after;
        long written = 0;
        while (true) {
            List<LoggedEvent> events = log.all(position, BATCH);
            for (LoggedEvent e : events) {
                out.println(
                        JSON.writeValueAsString(HistoryFormat.toMap(AuditEvent.of(e), baseUrl)));
                position = e.position();
                written++;
            }
            if (events.size() < BATCH) {
                out.flush();
                return written;
            }
        }
    }
}
