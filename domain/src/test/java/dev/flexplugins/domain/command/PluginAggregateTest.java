package dev.flexplugins.domain.command;

import dev.flexplugins.domain.api.ActiveRelease;
import dev.flexplugins.domain.api.Field;
import dev.flexplugins.domain.api.PluginCommands.ArchivePlugin;
import dev.flexplugins.domain.api.PluginCommands.CreatePlugin;
import dev.flexplugins.domain.api.PluginCommands.UpdatePlugin;
import dev.flexplugins.domain.api.PluginEvents.PluginArchived;
import dev.flexplugins.domain.api.PluginEvents.PluginCreated;
import dev.flexplugins.domain.api.PluginEvents.PluginUpdated;
import dev.flexplugins.domain.api.PluginServiceException;
import dev.flexplugins.domain.api.Sids;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.hamcrest.Description;
import org.hamcrest.TypeSafeMatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PluginAggregateTest {
    static final String ACCOUNT = "AC" + "1".repeat(32);
    static final String OTHER_ACCOUNT = "AC" + "2".repeat(32);
    static final String NAME = "plugin-sample";
    static final String SID = Sids.plugin(ACCOUNT, NAME);

    private FixtureConfiguration<PluginAggregate> fixture;

    /** The active release as the views would answer: the plugins and versions it carries. */
    static final class LiveRelease implements ActiveRelease {
        final Set<String> live = new HashSet<>();

        @Override
        public boolean carriesPlugin(String accountSid, String pluginSid) {
            return live.contains(pluginSid);
        }

        @Override
        public boolean carriesVersion(String accountSid, String pluginVersionSid) {
            return live.contains(pluginVersionSid);
        }
    }

    private final LiveRelease release = new LiveRelease();

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(PluginAggregate.class);
        fixture.registerInjectableResource(release);
        // the fixture's store answers "no such aggregate" with an exception
        StreamHeads heads =
                ids -> {
                    Map<String, Long> last = new HashMap<>();
                    for (String id : ids) {
                        try {
                            fixture.getEventStore()
                                    .lastSequenceNumberFor(id)
                                    .ifPresent(n -> last.put(id, n));
                        } catch (AggregateNotFoundException e) {
                            // none yet
                        }
                    }
                    return last;
                };
        fixture.registerAnnotatedCommandHandler(new PluginCreation(fixture.getRepository(), heads));
    }

    @Test
    void aTakenNameIsRefusedBeforeAnythingIsWritten() {
        fixture.given(new PluginCreated(SID, ACCOUNT, NAME, "Sample", "A sample"))
                .when(new CreatePlugin(SID, ACCOUNT, NAME, "Other", null))
                .expectException(AggregateStreamCreationException.class)
                .expectNoEvents();
    }

    @Test
    void createsAPlugin() {
        fixture.givenNoPriorActivity()
                .when(new CreatePlugin(SID, ACCOUNT, NAME, "Sample", "A sample"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new PluginCreated(SID, ACCOUNT, NAME, "Sample", "A sample"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                " ",
                "-leading-dash",
                "has space",
                "slash/inside",
                "FP0123456789abcdef0123456789abcdef"
            })
    void refusesABadUniqueName(String name) {
        fixture.givenNoPriorActivity()
                .when(new CreatePlugin(Sids.plugin(ACCOUNT, name), ACCOUNT, name, null, null))
                .expectException(invalid(Field.UNIQUE_NAME))
                .expectNoEvents();
    }

    @Test
    void refusesAnOversizedUniqueNameFriendlyNameAndDescription() {
        String longName = "a".repeat(129);
        fixture.givenNoPriorActivity()
                .when(
                        new CreatePlugin(
                                Sids.plugin(ACCOUNT, longName), ACCOUNT, longName, null, null))
                .expectException(invalid(Field.UNIQUE_NAME))
                .expectNoEvents();
        fixture.givenNoPriorActivity()
                .when(new CreatePlugin(SID, ACCOUNT, NAME, "f".repeat(256), null))
                .expectException(invalid(Field.FRIENDLY_NAME))
                .expectNoEvents();
        fixture.givenNoPriorActivity()
                .when(new CreatePlugin(SID, ACCOUNT, NAME, null, "d".repeat(4097)))
                .expectException(invalid(Field.DESCRIPTION))
                .expectNoEvents();
    }

    @Test
    void acceptsFieldsAtTheirLimits() {
        String name = "a".repeat(128);
        String sid = Sids.plugin(ACCOUNT, name);
        fixture.givenNoPriorActivity()
                .when(new CreatePlugin(sid, ACCOUNT, name, "f".repeat(255), "d".repeat(4096)))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void updatesOnlyWhatIsGiven() {
        fixture.given(new PluginCreated(SID, ACCOUNT, NAME, "Sample", "A sample"))
                .when(new UpdatePlugin(SID, ACCOUNT, null, "New description"))
                .expectEvents(new PluginUpdated(SID, ACCOUNT, "Sample", "New description"));
    }

    @Test
    void anUpdateThatChangesNothingRecordsNothing() {
        fixture.given(new PluginCreated(SID, ACCOUNT, NAME, "Sample", "A sample"))
                .when(new UpdatePlugin(SID, ACCOUNT, "Sample", null))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void refusesAnOversizedUpdate() {
        fixture.given(new PluginCreated(SID, ACCOUNT, NAME, "Sample", "A sample"))
                .when(new UpdatePlugin(SID, ACCOUNT, "x".repeat(256), null))
                .expectException(invalid(Field.FRIENDLY_NAME))
                .expectNoEvents();
    }

    @Test
    void archivesOnce() {
        fixture.given(new PluginCreated(SID, ACCOUNT, NAME, null, null))
                .when(new ArchivePlugin(SID, ACCOUNT))
                .expectEvents(new PluginArchived(SID, ACCOUNT));
        fixture.given(
                        new PluginCreated(SID, ACCOUNT, NAME, null, null),
                        new PluginArchived(SID, ACCOUNT))
                .when(new ArchivePlugin(SID, ACCOUNT))
                .expectException(reason("ALREADY_ARCHIVED"))
                .expectNoEvents();
    }

    @Test
    void aPluginLiveInTheActiveReleaseCannotBeArchived() {
        release.live.add(SID);
        fixture.given(new PluginCreated(SID, ACCOUNT, NAME, null, null))
                .when(new ArchivePlugin(SID, ACCOUNT))
                .expectException(reason("IN_ACTIVE_RELEASE"))
                .expectNoEvents();
    }

    @Test
    void anotherAccountCannotSeeOrTouchThePlugin() {
        fixture.given(new PluginCreated(SID, ACCOUNT, NAME, null, null))
                .when(new ArchivePlugin(SID, OTHER_ACCOUNT))
                .expectException(kind(PluginServiceException.Kind.NOT_FOUND))
                .expectNoEvents();
        fixture.given(new PluginCreated(SID, ACCOUNT, NAME, null, null))
                .when(new UpdatePlugin(SID, OTHER_ACCOUNT, "mine now", null))
                .expectException(kind(PluginServiceException.Kind.NOT_FOUND))
                .expectNoEvents();
    }

    static TypeSafeMatcher<PluginServiceException> invalid(Field field) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(PluginServiceException e) {
                return e.kind() == PluginServiceException.Kind.INVALID_ARGUMENT
                        && field == e.field();
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("INVALID_ARGUMENT on " + field);
            }
        };
    }

    static TypeSafeMatcher<PluginServiceException> reason(String reason) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(PluginServiceException e) {
                return e.kind() == PluginServiceException.Kind.FAILED_PRECONDITION
                        && reason.equals(e.reason());
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("FAILED_PRECONDITION " + reason);
            }
        };
    }

    static TypeSafeMatcher<PluginServiceException> kind(PluginServiceException.Kind kind) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(PluginServiceException e) {
                return e.kind() == kind;
            }

            @Override
            public void describeTo(Description description) {
                description.appendText(kind.name());
            }
        };
    }
}
