package dev.flexplugins.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every relative link in the project's Markdown (README.md, docs/, bench/README.md, ...) leads to a
 * file that exists, and every {@code #anchor} to a heading of that page, as GitHub renders them.
 */
class DocumentationLinksTest {
    static final Path PROJECT = Path.of("..").toAbsolutePath().normalize();
    static final Pattern LINK = Pattern.compile("\\[[^\\]]*\\]\\(([^)\\s]+)\\)");

    static List<Path> pages() throws IOException {
        try (Stream<Path> files = Files.walk(PROJECT)) {
            return files.filter(p -> p.toString().endsWith(".md"))
                    .filter(
                            p -> {
                                String rel = PROJECT.relativize(p).toString();
                                return !rel.contains("target/")
                                        && !rel.contains("node_modules/")
                                        && !rel.startsWith(".");
                            })
                    .toList();
        }
    }

    /** The anchors GitHub gives a page's headings (outside code blocks). */
    static Set<String> anchors(Path page) throws IOException {
        Set<String> anchors = new HashSet<>();
        boolean code = false;
        for (String line : Files.readAllLines(page)) {
            if (line.startsWith("```")) {
                code = !code;
            } else if (!code && line.matches("#{1,6} .*")) {
                String heading = line.replaceFirst("^#+ ", "").toLowerCase(Locale.ROOT);
                anchors.add(heading.replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-'));
            }
        }
        return anchors;
    }

    @Test
    void everyRelativeLinkResolves() throws IOException {
        List<String> broken = new ArrayList<>();
        int links = 0;
        for (Path page : pages()) {
            boolean code = false;
            for (String line : Files.readAllLines(page)) {
                if (line.startsWith("```")) {
                    code = !code;
                    continue;
                }
                Matcher m = LINK.matcher(line);
                while (!code && m.find()) {
                    String target = m.group(1);
                    if (target.matches("^[a-z]+:.*")) {
                        continue; // https:, mailto: ...
                    }
                    links++;
                    int hash = target.indexOf('#');
                    String file = hash < 0 ? target : target.substring(0, hash);
                    Path resolved =
                            file.isEmpty() ? page : page.getParent().resolve(file).normalize();
                    String where = PROJECT.relativize(page) + ": " + target;
                    if (!Files.exists(resolved)) {
                        broken.add(where + " (no such file)");
                    } else if (hash >= 0
                            && resolved.toString().endsWith(".md")
                            && !anchors(resolved).contains(target.substring(hash + 1))) {
                        broken.add(where + " (no such heading)");
                    }
                }
            }
        }
        assertEquals(List.of(), broken);
        assertTrue(links >= 20, "links checked: " + links);
    }
}
