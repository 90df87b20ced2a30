package dev.flexplugins.domain.command;

import static dev.flexplugins.domain.command.PluginAggregateTest.invalid;

import dev.flexplugins.domain.api.Field;
import dev.flexplugins.domain.api.FlexConfiguration.FlexConfigurationUpdated;
import dev.flexplugins.domain.api.FlexConfiguration.UpdateFlexConfiguration;
import java.util.List;
import java.util.Map;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FlexConfigurationAggregateTest {
    static final String ACCOUNT = "AC" + "a".repeat(32);
    static final String SERVICE = "ZS" + "b".repeat(32);
    private AggregateTestFixture<FlexConfigurationAggregate> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(FlexConfigurationAggregate.class);
    }

    @Test
    void theFirstChangeCreatesItFromEmptyDefaultsAndLaterChangesKeepWhatTheyDoNotName() {
        fixture.givenNoPriorActivity()
                .when(new UpdateFlexConfiguration(ACCOUNT, List.of(SERVICE), null, null, null))
                .expectEvents(
                        new FlexConfigurationUpdated(
                                ACCOUNT, List.of(SERVICE), "", Map.of(), false));
        fixture.given(new FlexConfigurationUpdated(ACCOUNT, List.of(SERVICE), "", Map.of(), false))
                .when(
                        new UpdateFlexConfiguration(
                                ACCOUNT, null, "~2.0.0", Map.of("react", "17.0.2"), true))
                .expectEvents(
                        new FlexConfigurationUpdated(
                                ACCOUNT,
                                List.of(SERVICE),
                                "~2.0.0",
                                Map.of("react", "17.0.2"),
                                true));
        fixture.given(new FlexConfigurationUpdated(ACCOUNT, List.of(SERVICE), "", Map.of(), false))
                .when(new UpdateFlexConfiguration(ACCOUNT, List.of(SERVICE), null, null, false))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void refusesWhatIsNotAServerlessServiceOrTooLong() {
        fixture.givenNoPriorActivity()
                .when(new UpdateFlexConfiguration(ACCOUNT, List.of("ZSnope"), null, null, null))
                .expectException(invalid(Field.SERVERLESS_SERVICE_SIDS))
                .expectNoEvents();
        fixture.givenNoPriorActivity()
                .when(new UpdateFlexConfiguration(ACCOUNT, null, "x".repeat(65), null, null))
                .expectException(invalid(Field.UI_VERSION))
                .expectNoEvents();
        fixture.givenNoPriorActivity()
                .when(new UpdateFlexConfiguration(ACCOUNT, null, null, Map.of("", "1"), null))
                .expectException(invalid(Field.UI_DEPENDENCIES))
                .expectNoEvents();
    }
}
