package dev.flexplugins.projections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flexplugins.domain.api.ConfigurationEvents.ConfigurationCreated;
import dev.flexplugins.domain.api.ConfigurationEvents.ConfiguredPlugin;
import dev.flexplugins.domain.api.PluginEvents.PluginArchived;
import dev.flexplugins.domain.api.PluginEvents.PluginCreated;
import dev.flexplugins.domain.api.PluginEvents.PluginUpdated;
import dev.flexplugins.domain.api.PluginEvents.PluginVersionCreated;
import dev.flexplugins.projections.model.ConfiguredPluginView;
import dev.flexplugins.projections.model.PluginView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.GenericEventMessage;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The views as Axon feeds them events, on the real schema (the service's Flyway migrations) in an
 * in-memory H2: what a query answers after a sequence of events.
 */
class ViewsOnH2Test {
    private static final String ACCOUNT = "AC" + "a".repeat(32);
    private static final String OTHER = "AC" + "b".repeat(32);

    private ConnectionProvider connections;
    private long position;
    private PluginProjection plugins;
    private ConfigurationProjection configurations;
    private AnnotationEventHandlerAdapter pluginHandlers;
    private AnnotationEventHandlerAdapter versionHandlers;
    private AnnotationEventHandlerAdapter configurationHandlers;

    @BeforeEach
    void freshDatabase() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration/common", "classpath:db/migration/h2")
                .load()
                .migrate();
        connections = dataSource::getConnection;
        plugins = new PluginProjection(connections);
        configurations = new ConfigurationProjection(connections);
        pluginHandlers = new AnnotationEventHandlerAdapter(plugins);
        versionHandlers =
                new AnnotationEventHandlerAdapter(new PluginVersionProjection(connections));
        configurationHandlers = new AnnotationEventHandlerAdapter(configurations);
    }

    /** Hands {@code event} to a view as the event processor would, at the next log position. */
    private void publish(AnnotationEventHandlerAdapter view, Object event) throws Exception {
        position++;
        view.handle(new GenericEventMessage<>(event, Map.of(ViewSql.GLOBAL_INDEX_HINT, position)));
    }

    private static String sid(String prefix, int n) {
        return prefix + String.format("%032x", n);
    }

    @Test
    void aPluginIsCreatedUpdatedAndArchivedAndOnlyItsAccountSeesIt() throws Exception {
        String sid = sid("FP", 1);
        publish(pluginHandlers, new PluginCreated(sid, ACCOUNT, "dialpad", "Dial pad", null));
        publish(
                pluginHandlers,
                new PluginUpdated(sid, ACCOUNT, "Dial pad 2", "with <b>markup</b>"));

        PluginView updated = plugins.find(ACCOUNT, sid).orElseThrow();
        assertEquals("Dial pad 2", updated.friendlyName());
        assertEquals("with <b>markup</b>", updated.description());
        assertFalse(updated.archived());
        assertTrue(plugins.find(OTHER, sid).isEmpty(), "another account's plugin reads as absent");

        publish(pluginHandlers, new PluginArchived(sid, ACCOUNT));
        assertTrue(plugins.find(ACCOUNT, sid).orElseThrow().archived());
    }

    @Test
    void listsAreNewestFirstAndPageBothWaysWithoutGapsOrRepeats() throws Exception {
        for (int i = 1; i <= 5; i++) {
            publish(pluginHandlers, new PluginCreated(sid("FP", i), ACCOUNT, "p" + i, null, null));
        }
        publish(pluginHandlers, new PluginCreated(sid("FP", 99), OTHER, "theirs", null, null));

        Slice<PluginView> first = plugins.list(ACCOUNT, null, 2, null);
        assertEquals(List.of("p5", "p4"), names(first.items()));
        assertTrue(first.hasOlder());
        assertFalse(first.hasNewer());

        Slice<PluginView> second =
                plugins.list(
                        ACCOUNT,
                        new Cursor(Cursor.Direction.OLDER, first.items().get(1).listKey()),
                        2,
                        null);
        assertEquals(List.of("p3", "p2"), names(second.items()));

        Slice<PluginView> last =
                plugins.list(
                        ACCOUNT,
                        new Cursor(Cursor.Direction.OLDER, second.items().get(1).listKey()),
                        2,
                        null);
        assertEquals(List.of("p1"), names(last.items()));
        assertFalse(last.hasOlder());

        Slice<PluginView> back =
                plugins.list(
                        ACCOUNT,
                        new Cursor(Cursor.Direction.NEWER, second.items().get(0).listKey()),
                        2,
                        null);
        assertEquals(
                List.of("p5", "p4"), names(back.items()), "a previous page is newest first too");
    }

    @Test
    void aConfigurationListsItsPluginsInTheOrderGivenWithTheirCurrentNames() throws Exception {
        List<ConfiguredPlugin> entries = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            publish(
                    pluginHandlers,
                    new PluginCreated(sid("FP", i), ACCOUNT, "plugin-" + i, null, null));
            publish(
                    versionHandlers,
                    new PluginVersionCreated(
                            sid("FV", i),
                            ACCOUNT,
                            sid("FP", i),
                            "1.0." + i,
                            "https://example.com/" + i + ".js",
                            null,
                            false,
                            null,
                            null,
                            false));
            entries.add(0, new ConfiguredPlugin(sid("FP", i), sid("FV", i), i));
        }
        String configuration = sid("FJ", 1);
        publish(
                configurationHandlers,
                new ConfigurationCreated(configuration, ACCOUNT, "first", null, entries));
        publish(pluginHandlers, new PluginUpdated(sid("FP", 2), ACCOUNT, "renamed", null));

        Slice<ConfiguredPluginView> page =
                configurations.configuredPlugins(ACCOUNT, configuration, null, 2);
        assertEquals(
                List.of("plugin-3", "plugin-2"),
                page.items().stream().map(ConfiguredPluginView::uniqueName).toList());
        assertEquals(
                "renamed",
                page.items().get(1).friendlyName(),
                "the plugin's current name, by join");
        assertTrue(page.hasOlder());
        Slice<ConfiguredPluginView> rest =
                configurations.configuredPlugins(
                        ACCOUNT,
                        configuration,
                        new Cursor(Cursor.Direction.OLDER, page.items().get(1).listKey()),
                        2);
        assertEquals(
                List.of("plugin-1"),
                rest.items().stream().map(ConfiguredPluginView::uniqueName).toList());
        assertEquals(1, rest.items().get(0).phase());
        assertTrue(
                configurations.configuredPlugins(OTHER, configuration, null, 10).items().isEmpty());
    }

    private static List<String> names(List<PluginView> rows) {
        return rows.stream().map(PluginView::uniqueName).toList();
    }
}
