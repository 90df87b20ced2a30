package dev.flexplugins.domain.command;

import static dev.flexplugins.domain.command.PluginAggregateTest.ACCOUNT;
import static dev.flexplugins.domain.command.PluginAggregateTest.OTHER_ACCOUNT;
import static dev.flexplugins.domain.command.PluginAggregateTest.invalid;
import static dev.flexplugins.domain.command.PluginAggregateTest.kind;

import dev.flexplugins.domain.api.DecidedOn;
import dev.flexplugins.domain.api.Field;
import dev.flexplugins.domain.api.PluginCommands.ArchivePluginVersion;
import dev.flexplugins.domain.api.PluginCommands.CreatePluginVersion;
import dev.flexplugins.domain.api.PluginEvents.PluginArchived;
import dev.flexplugins.domain.api.PluginEvents.PluginCreated;
import dev.flexplugins.domain.api.PluginEvents.PluginUpdated;
import dev.flexplugins.domain.api.PluginEvents.PluginVersionArchived;
import dev.flexplugins.domain.api.PluginEvents.PluginVersionCreated;
import dev.flexplugins.domain.api.PluginServiceException.Kind;
import dev.flexplugins.domain.api.Sids;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.hamcrest.CustomTypeSafeMatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The version rules. The plugin's own events live in a real (in-memory) Axon event store that the
 * creation handler folds, as it folds the JDBC one in production.
 */
class PluginVersionCreationTest {
    static final String PLUGIN = Sids.plugin(ACCOUNT, "plugin-sample");
    static final String URL = "https://assets.example.com/plugin-sample/1.0.0/bundle.js";

    private FixtureConfiguration<PluginVersionAggregate> fixture;
    private InMemoryEventStorageEngine pluginEvents;

    private final PluginAggregateTest.LiveRelease release = new PluginAggregateTest.LiveRelease();

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(PluginVersionAggregate.class);
        fixture.registerInjectableResource(release);
        pluginEvents = new InMemoryEventStorageEngine();
        EmbeddedEventStore pluginStore =
                EmbeddedEventStore.builder().storageEngine(pluginEvents).build();
        fixture.registerAnnotatedCommandHandler(
                new PluginVersionCreation(fixture.getRepository(), pluginStore));
    }

    private void pluginHistory(Object... events) {
        List<GenericDomainEventMessage<?>> messages = new ArrayList<>();
        for (int i = 0; i < events.length; i++) {
            messages.add(new GenericDomainEventMessage<>("PluginAggregate", PLUGIN, i, events[i]));
        }
        pluginEvents.appendEvents(messages);
    }

    private static CreatePluginVersion create(String version, String url) {
        return new CreatePluginVersion(
                Sids.pluginVersion(PLUGIN, version),
                ACCOUNT,
                PLUGIN,
                version,
                url,
                "first",
                true,
                "6.3.2",
                "success");
    }

    @Test
    void createsAVersionOfAnOpenPlugin() {
        pluginHistory(new PluginCreated(PLUGIN, ACCOUNT, "plugin-sample", null, null));
        String sid = Sids.pluginVersion(PLUGIN, "1.0.0");
        fixture.givenNoPriorActivity()
                .when(create("1.0.0", URL))
                .expectResultMessagePayload(sid)
                .expectEvents(
                        new PluginVersionCreated(
                                sid, ACCOUNT, PLUGIN, "1.0.0", URL, "first", true, "6.3.2",
                                "success", true));
    }

    /**
     * The event states the plugin's head the version was decided on, for the event store to check
     * as it appends (the plugin may be archived meanwhile, on this node or another).
     */
    @Test
    void theVersionsEventStatesThePluginsHeadItWasDecidedOn() {
        pluginHistory(
                new PluginCreated(PLUGIN, ACCOUNT, "plugin-sample", null, null),
                new PluginUpdated(PLUGIN, ACCOUNT, "Sample", null));
        fixture.givenNoPriorActivity()
                .when(create("1.0.0", URL))
                .expectEventsMatching(
                        new CustomTypeSafeMatcher<List<? super EventMessage<?>>>(
                                "one event, decided on the plugin at its event 1") {
                            @Override
                            protected boolean matchesSafely(List<? super EventMessage<?>> events) {
                                return events.size() == 1
                                        && new DecidedOn(PLUGIN, 1)
                                                .equals(
                                                        ((EventMessage<?>) events.get(0))
                                                                .getMetaData()
                                                                .get(DecidedOn.METADATA_KEY));
                            }
                        });
    }

    @Test
    void validatedIsFalseUnlessTheCliReportedSuccess() {
        pluginHistory(new PluginCreated(PLUGIN, ACCOUNT, "plugin-sample", null, null));
        String sid = Sids.pluginVersion(PLUGIN, "2.0.0");
        fixture.givenNoPriorActivity()
                .when(
                        new CreatePluginVersion(
                                sid, ACCOUNT, PLUGIN, "2.0.0", URL, null, false, null, null))
                .expectEvents(
                        new PluginVersionCreated(
                                sid, ACCOUNT, PLUGIN, "2.0.0", URL, null, false, null, null,
                                false));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"1", "1.0", "v1.0.0", "01.0.0", "1.0.0-", "1.0.0+", "1.0.0.0", "latest", ""})
    void refusesAVersionThatIsNotSemVer(String version) {
        pluginHistory(new PluginCreated(PLUGIN, ACCOUNT, "plugin-sample", null, null));
        fixture.givenNoPriorActivity()
                .when(create(version, URL))
                .expectException(invalid(Field.VERSION))
                .expectNoEvents();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.0.0-alpha.1", "1.0.0+build.5", "10.20.30-rc.1+sha.abc"})
    void acceptsSemVerWithPrereleaseAndBuild(String version) {
        pluginHistory(new PluginCreated(PLUGIN, ACCOUNT, "plugin-sample", null, null));
        fixture.givenNoPriorActivity()
                .when(create(version, URL))
                .expectSuccessfulHandlerExecution();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://assets.example.com/a.js",
                "/relative/bundle.js",
                "assets.example.com/a.js",
                "ftp://x/y",
                "https://",
                "https:///path-only",
                "not a url"
            })
    void refusesAPluginUrlThatIsNotAbsoluteHttps(String url) {
        pluginHistory(new PluginCreated(PLUGIN, ACCOUNT, "plugin-sample", null, null));
        fixture.givenNoPriorActivity()
                .when(create("1.0.0", url))
                .expectException(invalid(Field.PLUGIN_URL))
                .expectNoEvents();
    }

    @Test
    void refusesOversizedFields() {
        pluginHistory(new PluginCreated(PLUGIN, ACCOUNT, "plugin-sample", null, null));
        String v = "1.0.0";
        String sid = Sids.pluginVersion(PLUGIN, v);
        fixture.givenNoPriorActivity()
                .when(
                        new CreatePluginVersion(
                                sid, ACCOUNT, PLUGIN, v, URL, "c".repeat(16385), false, null, null))
                .expectException(invalid(Field.CHANGELOG))
                .expectNoEvents();
        fixture.givenNoPriorActivity()
                .when(
                        new CreatePluginVersion(
                                sid,
                                ACCOUNT,
                                PLUGIN,
                                v,
                                "https://a.example/" + "p".repeat(2048),
                                null,
                                false,
                                null,
                                null))
                .expectException(invalid(Field.PLUGIN_URL))
                .expectNoEvents();
        fixture.givenNoPriorActivity()
                .when(
                        new CreatePluginVersion(
                                sid, ACCOUNT, PLUGIN, v, URL, null, false, "9".repeat(65), null))
                .expectException(invalid(Field.CLI_VERSION))
                .expectNoEvents();
        fixture.givenNoPriorActivity()
                .when(
                        new CreatePluginVersion(
                                sid, ACCOUNT, PLUGIN, v, URL, null, false, null, "bad status!"))
                .expectException(invalid(Field.VALIDATE_STATUS))
                .expectNoEvents();
    }

    @Test
    void refusesANewVersionOnAnArchivedPlugin() {
        pluginHistory(
                new PluginCreated(PLUGIN, ACCOUNT, "plugin-sample", null, null),
                new PluginArchived(PLUGIN, ACCOUNT));
        fixture.givenNoPriorActivity()
                .when(create("1.0.0", URL))
                .expectException(kind(Kind.FAILED_PRECONDITION))
                .expectNoEvents();
    }

    @Test
    void refusesAVersionOfAnUnknownPluginOrAnotherAccountsPlugin() {
        fixture.givenNoPriorActivity()
                .when(create("1.0.0", URL))
                .expectException(kind(Kind.NOT_FOUND))
                .expectNoEvents();
        pluginHistory(new PluginCreated(PLUGIN, OTHER_ACCOUNT, "plugin-sample", null, null));
        fixture.givenNoPriorActivity()
                .when(create("1.0.0", URL))
                .expectException(kind(Kind.NOT_FOUND))
                .expectNoEvents();
    }

    @Test
    void aSecondCreateOfTheSameVersionTargetsTheSameStreamAndIsRefused() {
        pluginHistory(new PluginCreated(PLUGIN, ACCOUNT, "plugin-sample", null, null));
        String sid = Sids.pluginVersion(PLUGIN, "1.0.0");
        fixture.given(
                        new PluginVersionCreated(
                                sid, ACCOUNT, PLUGIN, "1.0.0", URL, null, false, null, null, false))
                .when(create("1.0.0", URL))
                // The fixture's store reports the clash as a sequence conflict on the existing
                // stream; the
                // JDBC store's unique key does the same under real concurrency (see the end-to-end
                // tests).
                .expectException(EventStoreException.class)
                .expectNoEvents();
    }

    @Test
    void archivesAVersionOnce() {
        String sid = Sids.pluginVersion(PLUGIN, "1.0.0");
        PluginVersionCreated created =
                new PluginVersionCreated(
                        sid, ACCOUNT, PLUGIN, "1.0.0", URL, null, false, null, null, false);
        fixture.given(created)
                .when(new ArchivePluginVersion(sid, ACCOUNT))
                .expectEvents(new PluginVersionArchived(sid, ACCOUNT, PLUGIN));
        fixture.given(created, new PluginVersionArchived(sid, ACCOUNT, PLUGIN))
                .when(new ArchivePluginVersion(sid, ACCOUNT))
                .expectException(PluginAggregateTest.reason("ALREADY_ARCHIVED"))
                .expectNoEvents();
        release.live.add(sid);
        fixture.given(created)
                .when(new ArchivePluginVersion(sid, ACCOUNT))
                .expectException(PluginAggregateTest.reason("IN_ACTIVE_RELEASE"))
                .expectNoEvents();
        release.live.clear();
        fixture.given(created)
                .when(new ArchivePluginVersion(sid, OTHER_ACCOUNT))
                .expectException(kind(Kind.NOT_FOUND))
                .expectNoEvents();
    }
}
