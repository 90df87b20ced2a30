package dev.flexplugins.domain.command;

import static dev.flexplugins.domain.command.PluginAggregateTest.ACCOUNT;
import static dev.flexplugins.domain.command.PluginAggregateTest.OTHER_ACCOUNT;
import static dev.flexplugins.domain.command.PluginAggregateTest.invalid;
import static dev.flexplugins.domain.command.PluginAggregateTest.kind;

import dev.flexplugins.domain.api.ConfigurationCommands.ArchiveConfiguration;
import dev.flexplugins.domain.api.ConfigurationCommands.CreateConfiguration;
import dev.flexplugins.domain.api.ConfigurationCommands.CreateRelease;
import dev.flexplugins.domain.api.ConfigurationCommands.PluginEntry;
import dev.flexplugins.domain.api.ConfigurationEvents.ConfigurationArchived;
import dev.flexplugins.domain.api.ConfigurationEvents.ConfigurationCreated;
import dev.flexplugins.domain.api.ConfigurationEvents.ConfiguredPlugin;
import dev.flexplugins.domain.api.ConfigurationEvents.ReleaseCreated;
import dev.flexplugins.domain.api.Field;
import dev.flexplugins.domain.api.PluginEvents.PluginArchived;
import dev.flexplugins.domain.api.PluginEvents.PluginCreated;
import dev.flexplugins.domain.api.PluginEvents.PluginVersionArchived;
import dev.flexplugins.domain.api.PluginEvents.PluginVersionCreated;
import dev.flexplugins.domain.api.PluginServiceException.Kind;
import dev.flexplugins.domain.api.Sids;
import java.util.List;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The configuration and release rules; other resources' events live in a real in-memory Axon store.
 */
class ConfigurationCreationTest {
    static final String PLUGIN_A = Sids.plugin(ACCOUNT, "plugin-a");
    static final String PLUGIN_B = Sids.plugin(ACCOUNT, "plugin-b");
    static final String A1 = Sids.pluginVersion(PLUGIN_A, "1.0.0");
    static final String A2 = Sids.pluginVersion(PLUGIN_A, "2.0.0");
    static final String B1 = Sids.pluginVersion(PLUGIN_B, "1.0.0");
    static final String CONFIG = "FJ" + "1".repeat(32);

    private FixtureConfiguration<ConfigurationAggregate> fixture;
    private InMemoryEventStorageEngine others;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ConfigurationAggregate.class);
        others = new InMemoryEventStorageEngine();
        EmbeddedEventStore store = EmbeddedEventStore.builder().storageEngine(others).build();
        AggregateTestFixture<ReleaseAggregate> releases =
                new AggregateTestFixture<>(ReleaseAggregate.class);
        fixture.registerAnnotatedCommandHandler(
                new ConfigurationCreation(
                        fixture.getRepository(), releases.getRepository(), store));
        history(PLUGIN_A, new PluginCreated(PLUGIN_A, ACCOUNT, "plugin-a", null, null));
        history(PLUGIN_B, new PluginCreated(PLUGIN_B, ACCOUNT, "plugin-b", null, null));
        history(A1, version(A1, PLUGIN_A, "1.0.0"));
        history(A2, version(A2, PLUGIN_A, "2.0.0"));
        history(B1, version(B1, PLUGIN_B, "1.0.0"));
    }

    private static PluginVersionCreated version(String sid, String plugin, String v) {
        return new PluginVersionCreated(
                sid, ACCOUNT, plugin, v, "https://a.example/b.js", null, false, null, null, false);
    }

    private void history(String aggregate, Object... events) {
        long next = others.lastSequenceNumberFor(aggregate).map(n -> n + 1).orElse(0L);
        for (Object e : events) {
            others.appendEvents(new GenericDomainEventMessage<>("X", aggregate, next++, e));
        }
    }

    private static CreateConfiguration create(PluginEntry... plugins) {
        return new CreateConfiguration(
                CONFIG, ACCOUNT, "My config", "two plugins", List.of(plugins));
    }

    @Test
    void createsAConfigurationOfOpenVersionsWithTheirPlugins() {
        fixture.givenNoPriorActivity()
                .when(create(new PluginEntry(A1, 3), new PluginEntry(B1, null)))
                .expectEvents(
                        new ConfigurationCreated(
                                CONFIG,
                                ACCOUNT,
                                "My config",
                                "two plugins",
                                List.of(
                                        new ConfiguredPlugin(PLUGIN_A, A1, 3),
                                        new ConfiguredPlugin(PLUGIN_B, B1, 3))));
    }

    @Test
    void atMostOneVersionPerPlugin() {
        fixture.givenNoPriorActivity()
                .when(create(new PluginEntry(A1, 3), new PluginEntry(A2, 3)))
                .expectException(invalid(Field.PLUGINS))
                .expectNoEvents();
    }

    @Test
    void refusesUnknownArchivedOrForeignVersionsAndPlugins() {
        fixture.givenNoPriorActivity()
                .when(create(new PluginEntry("FV" + "0".repeat(32), 3)))
                .expectException(kind(Kind.NOT_FOUND))
                .expectNoEvents();
        history(A1, new PluginVersionArchived(A1, ACCOUNT, PLUGIN_A));
        fixture.givenNoPriorActivity()
                .when(create(new PluginEntry(A1, 3)))
                .expectException(kind(Kind.FAILED_PRECONDITION))
                .expectNoEvents();
        history(PLUGIN_B, new PluginArchived(PLUGIN_B, ACCOUNT));
        fixture.givenNoPriorActivity()
                .when(create(new PluginEntry(B1, 3)))
                .expectException(kind(Kind.FAILED_PRECONDITION))
                .expectNoEvents();
        fixture.givenNoPriorActivity()
                .when(
                        new CreateConfiguration(
                                CONFIG,
                                OTHER_ACCOUNT,
                                "theirs",
                                null,
                                List.of(new PluginEntry(A2, 3))))
                .expectException(kind(Kind.NOT_FOUND))
                .expectNoEvents();
    }

    @Test
    void refusesBadNamesPhasesAndEntries() {
        fixture.givenNoPriorActivity()
                .when(new CreateConfiguration(CONFIG, ACCOUNT, " ", null, List.of()))
                .expectException(invalid(Field.NAME))
                .expectNoEvents();
        fixture.givenNoPriorActivity()
                .when(new CreateConfiguration(CONFIG, ACCOUNT, "n".repeat(256), null, List.of()))
                .expectException(invalid(Field.NAME))
                .expectNoEvents();
        fixture.givenNoPriorActivity()
                .when(create(new PluginEntry(A1, 101)))
                .expectException(invalid(Field.PLUGINS))
                .expectNoEvents();
        fixture.givenNoPriorActivity()
                .when(create(new PluginEntry(PLUGIN_A, 3)))
                .expectException(invalid(Field.PLUGINS))
                .expectNoEvents();
    }

    @Test
    void archivesOnceAndOnlyForItsAccount() {
        ConfigurationCreated created =
                new ConfigurationCreated(CONFIG, ACCOUNT, "c", null, List.of());
        fixture.given(created)
                .when(new ArchiveConfiguration(CONFIG, ACCOUNT))
                .expectEvents(new ConfigurationArchived(CONFIG, ACCOUNT));
        fixture.given(created, new ConfigurationArchived(CONFIG, ACCOUNT))
                .when(new ArchiveConfiguration(CONFIG, ACCOUNT))
                .expectException(PluginAggregateTest.reason("ALREADY_ARCHIVED"))
                .expectNoEvents();
        fixture.given(created)
                .when(new ArchiveConfiguration(CONFIG, OTHER_ACCOUNT))
                .expectException(kind(Kind.NOT_FOUND))
                .expectNoEvents();
    }

    @Test
    void releasesOnlyAnExistingUnarchivedConfigurationOfTheAccount() {
        AggregateTestFixture<ReleaseAggregate> releases =
                new AggregateTestFixture<>(ReleaseAggregate.class);
        // a release has no state beyond its creation to compare after re-sourcing
        releases.setReportIllegalStateChange(false);
        EmbeddedEventStore store = EmbeddedEventStore.builder().storageEngine(others).build();
        releases.registerAnnotatedCommandHandler(
                new ConfigurationCreation(
                        fixture.getRepository(), releases.getRepository(), store));
        String release = "FK" + "2".repeat(32);
        releases.givenNoPriorActivity()
                .when(new CreateRelease(release, ACCOUNT, CONFIG))
                .expectException(kind(Kind.NOT_FOUND))
                .expectNoEvents();
        history(CONFIG, new ConfigurationCreated(CONFIG, ACCOUNT, "c", null, List.of()));
        releases.givenNoPriorActivity()
                .when(new CreateRelease(release, ACCOUNT, CONFIG))
                .expectEvents(new ReleaseCreated(release, ACCOUNT, CONFIG));
        releases.givenNoPriorActivity()
                .when(new CreateRelease(release, OTHER_ACCOUNT, CONFIG))
                .expectException(kind(Kind.NOT_FOUND))
                .expectNoEvents();
        releases.givenNoPriorActivity()
                .when(new CreateRelease(release, ACCOUNT, PLUGIN_A))
                .expectException(invalid(Field.RELEASE_CONFIGURATION))
                .expectNoEvents();
        history(CONFIG, new ConfigurationArchived(CONFIG, ACCOUNT));
        releases.givenNoPriorActivity()
                .when(new CreateRelease(release, ACCOUNT, CONFIG))
                .expectException(kind(Kind.FAILED_PRECONDITION))
                .expectNoEvents();
    }
}
