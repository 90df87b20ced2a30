package dev.flexplugins.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What --help and help COMMAND print: every command the jar runs, each with its usage. */
class UsageTest {

    static String printed(java.util.function.Consumer<PrintStream> print) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        print.accept(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theHelpListsEveryCommandTheJarRuns() {
        String help = printed(Usage::print);
        assertTrue(help.contains("Usage: java -jar flex-plugin-service.jar"), help);
        assertTrue(help.contains("  serve"), help);
        for (String command : Cli.COMMANDS) {
            assertTrue(help.contains("\n  " + command), command + " is missing from:\n" + help);
            assertTrue(Usage.COMMANDS.containsKey(command), command);
        }
        assertTrue(help.contains("FLEX_DB_URL"), help);
        assertTrue(help.contains("\n  settings"), help);
        assertEquals(
                Cli.COMMANDS.size() + 2,
                Usage.COMMANDS.size(),
                "serve and settings (run by main itself) plus every operator command");
    }

    @Test
    void helpForOneCommandOrAnUnknownOne() {
        String verify = printed(out -> assertTrue(Usage.printCommand("verify", out)));
        assertTrue(verify.startsWith("Usage: java -jar flex-plugin-service.jar verify"), verify);
        assertFalse(Usage.printCommand("nope", new PrintStream(new ByteArrayOutputStream())));
        assertFalse(Usage.version().isBlank());
    }
}
