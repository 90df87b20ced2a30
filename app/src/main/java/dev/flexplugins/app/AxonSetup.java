package dev.flexplugins.app;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flexplugins.app.log.AxonEventStorage;
import dev.flexplugins.app.log.JdbcStreamHeads;
import dev.flexplugins.application.Availability;
import dev.flexplugins.domain.api.ActiveRelease;
import dev.flexplugins.domain.api.AuditMetadata;
import dev.flexplugins.domain.api.PluginVersionCreatedUpcaster;
import dev.flexplugins.domain.command.ConfigurationAggregate;
import dev.flexplugins.domain.command.ConfigurationCreation;
import dev.flexplugins.domain.command.FlexConfigurationAggregate;
import dev.flexplugins.domain.command.PluginAggregate;
import dev.flexplugins.domain.command.PluginCreation;
import dev.flexplugins.domain.command.PluginVersionAggregate;
import dev.flexplugins.domain.command.PluginVersionCreation;
import dev.flexplugins.domain.command.ReleaseAggregate;
import dev.flexplugins.eventstore.Dialect;
import dev.flexplugins.eventstore.EventStore;
import dev.flexplugins.projections.ConfigurationProjection;
import dev.flexplugins.projections.EventFeedSequencer;
import dev.flexplugins.projections.EventLog;
import dev.flexplugins.projections.FeedSignal;
import dev.flexplugins.projections.PluginProjection;
import dev.flexplugins.projections.PluginVersionProjection;
import dev.flexplugins.projections.RequestLogProjection;
import dev.flexplugins.projections.ViewReceipt;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.micronaut.transaction.jdbc.DataSourceTransactionManager;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.Configuration;
import org.axonframework.config.Configurer;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;

/**
 * Axon without Spring: our event store behind Axon's storage engine, Jackson, the aggregates, the
 * live views applied by each append inside the command's transaction (read-your-writes), and the
 * feed's sequencer as a tracking processor.
 */
@Factory
public class AxonSetup {

    static {
        // The event store keeps milliseconds; events carry exactly what is stored, so a view
        // written
        // live and the same view rebuilt from the log hold identical times.
        GenericEventMessage.clock = Clock.tick(Clock.systemUTC(), Duration.ofMillis(1));
    }

    /**
     * Axon's transactions and connections, bound to Micronaut's JDBC transactions (after
     * migration).
     */
    @Singleton
    MicronautTransactions transactions(
            Database database,
            DataSourceTransactionManager transactions,
            Availability availability) {
        return new MicronautTransactions(
                transactions, database.dataSource(), availability::databaseProblem);
    }

    @Singleton
    PluginProjection pluginProjection(MicronautTransactions connections) {
        return new PluginProjection(connections);
    }

    @Singleton
    PluginVersionProjection pluginVersionProjection(MicronautTransactions connections) {
        return new PluginVersionProjection(connections);
    }

    @Singleton
    ConfigurationProjection configurationProjection(MicronautTransactions connections) {
        return new ConfigurationProjection(connections);
    }

    @Singleton
    RequestLogProjection requestLogProjection(MicronautTransactions connections) {
        return new RequestLogProjection(connections);
    }

    @Singleton
    Serializer eventSerializer() {
        return serializer();
    }

    /** Every upcaster, in order: how old stored event forms are read as current ones. */
    @Singleton
    EventUpcaster upcasters() {
        return new EventUpcasterChain(new PluginVersionCreatedUpcaster());
    }

    /** The event store, on the transaction's connection inside one, else a pooled one. */
    @Singleton
    EventStore eventStore(
            MicronautTransactions connections, Serializer serializer, Database database) {
        return new EventStore(
                connections::getConnection,
                metadata -> serializer.serialize(MetaData.from(metadata), byte[].class).getData(),
                database.vendor() == Database.Vendor.POSTGRESQL
                        ? Dialect.postgresql()
                        : Dialect.h2());
    }

    /** Streams' heads, remembered for version creates (see JdbcStreamHeads). */
    @Singleton
    JdbcStreamHeads streamHeads(EventStore store) {
        return new JdbcStreamHeads(store);
    }

    /**
     * Axon's storage engine over our event store; every append is applied to the live views in its
     * transaction. Also used on its own by the CLI commands (reads only); {@code
     * flex.log.read-batch} is the page size of their reads of the log (the feed reads pages of
     * {@link FeedReader#PAGE}).
     */
    @Singleton
    AxonEventStorage storageEngine(
            EventStore store,
            JdbcStreamHeads heads,
            Serializer serializer,
            EventUpcaster upcasters,
            PluginProjection plugins,
            PluginVersionProjection versions,
            RequestLogProjection requestLog,
            ConfigurationProjection configurations,
            @Value("${flex.log.read-batch:100}") int readBatch) {
        return new AxonEventStorage(
                store,
                serializer,
                upcasters,
                readBatch,
                new LiveViews(plugins, versions, requestLog, configurations),
                heads::forget);
    }

    @Singleton
    FeedReader.Commits commits() {
        return new FeedReader.Commits();
    }

    /** The feed sequencer's source: the log read directly, once per wake-up (see FeedReader). */
    @Singleton
    FeedReader feedReader(
            AxonEventStorage log, FeedReader.Commits commits, FlexProperties properties) {
        return new FeedReader(log, properties.getFeed().getBatchLinger(), commits);
    }

    @Singleton
    FeedSignal feedSignal() {
        return new FeedSignal();
    }

    @Singleton
    EventLog eventLog(EventStore store, Serializer serializer, EventUpcaster upcasters) {
        return new EventLog(store, serializer, upcasters);
    }

    @Singleton
    @Bean(preDestroy = "shutdown")
    Configuration axon(
            MicronautTransactions connections,
            Serializer serializer,
            AxonEventStorage engine,
            JdbcStreamHeads heads,
            ConfigurationProjection configurations,
            FeedSignal feedSignal,
            FeedReader feedReader,
            FeedReader.Commits commits,
            FlexProperties properties) {
        Duration claimTimeout = properties.getFeed().getClaimTimeout();
        Duration heartbeat = properties.getFeed().getHeartbeat();
        TokenStore tokens =
                JdbcTokenStore.builder()
                        .connectionProvider(connections)
                        .serializer(serializer)
                        // a node that died stops renewing its claim; another takes the feed over
                        // after this
                        .claimTimeout(claimTimeout)
                        .schema(
                                TokenSchema.builder()
                                        .setTokenTable("token_entry")
                                        .setProcessorNameColumn("processor_name")
                                        .setSegmentColumn("segment")
                                        .setTokenColumn("token")
                                        .setTokenTypeColumn("token_type")
                                        .setTimestampColumn("time_stamp")
                                        .setOwnerColumn("owner")
                                        .build())
                        .build();
        Configurer configurer =
                DefaultConfigurer.defaultConfiguration()
                        .configureTransactionManager(c -> connections)
                        .configureSerializer(c -> serializer)
                        .configureEventSerializer(c -> serializer)
                        .configureMessageSerializer(c -> serializer)
                        .configureEmbeddedEventStore(c -> engine)
                        // An event carries its command's audit metadata (who, when, how), not
                        // Axon's trace and correlation identifiers (the command message's own id,
                        // twice): nothing reads them, and they made every event's stored metadata
                        // (written, sent, hashed and read again by the feed) a third larger. And
                        // the command's receipt for its view rows (never stored).
                        .configureCorrelationDataProviders(
                                c ->
                                        List.of(
                                                new SimpleCorrelationDataProvider(
                                                        AuditMetadata.KEYS.toArray(String[]::new)),
                                                new SimpleCorrelationDataProvider(
                                                        ViewReceipt.METADATA_KEY)))
                        // the archive rules ask the views what the active release carries
                        .registerComponent(ActiveRelease.class, c -> configurations)
                        .configureAggregate(PluginAggregate.class)
                        .registerCommandHandler(
                                c -> new PluginCreation(c.repository(PluginAggregate.class), heads))
                        .configureAggregate(FlexConfigurationAggregate.class)
                        .configureAggregate(
                                AggregateConfigurer.defaultConfiguration(
                                        PluginVersionAggregate.class))
                        .registerCommandHandler(
                                c ->
                                        new PluginVersionCreation(
                                                c.repository(PluginVersionAggregate.class),
                                                c.eventStore(),
                                                heads))
                        .configureAggregate(
                                AggregateConfigurer.defaultConfiguration(
                                        ConfigurationAggregate.class))
                        .configureAggregate(
                                AggregateConfigurer.defaultConfiguration(ReleaseAggregate.class))
                        .registerCommandHandler(
                                c ->
                                        new ConfigurationCreation(
                                                c.repository(ConfigurationAggregate.class),
                                                c.repository(ReleaseAggregate.class),
                                                c.eventStore()));
        configurer
                .eventProcessing()
                .registerTokenStore(c -> tokens)
                // The feed's sequencer: one tracking processor, one segment, so one node at a time
                // positions events in the order they become visible.
                .registerTrackingEventProcessor(
                        EventFeedSequencer.PROCESSOR,
                        c -> feedReader,
                        c ->
                                TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                        // a message is a page of the log (FeedPage,
                                        // up to FeedReader.PAGE events): one per
                                        // transaction
                                        .andBatchSize(1)
                                        // the owner renews its claim this often while idle; others
                                        // try to
                                        // claim this often
                                        .andEventAvailabilityTimeout(
                                                heartbeat.toMillis(), TimeUnit.MILLISECONDS)
                                        .andTokenClaimInterval(
                                                heartbeat.toMillis(), TimeUnit.MILLISECONDS)
                                        .andInitialTrackingToken(
                                                StreamableMessageSource::createTailToken))
                .registerEventHandler(c -> new EventFeedSequencer(engine.store(), feedSignal))
                .registerListenerInvocationErrorHandler(
                        EventFeedSequencer.PROCESSOR, c -> PropagatingErrorHandler.instance());
        Configuration configuration = configurer.start();
        configuration.commandBus().registerHandlerInterceptor(wakesTheFeed(commits));
        return configuration;
    }

    /**
     * A command that committed wakes the feed's reader (its events are in the log now); one that
     * failed rolled back and wakes nothing.
     */
    private static MessageHandlerInterceptor<CommandMessage<?>> wakesTheFeed(
            FeedReader.Commits commits) {
        return (unitOfWork, chain) -> {
            unitOfWork.afterCommit(u -> commits.committed());
            return chain.proceed();
        };
    }

    @Singleton
    CommandGateway commandGateway(Configuration axon) {
        return axon.commandGateway();
    }

    @Singleton
    org.axonframework.eventsourcing.eventstore.EventStore axonEventStore(Configuration axon) {
        return axon.eventStore();
    }

    /** Jackson for events, messages, tokens and snapshots (never XStream). */
    static Serializer serializer() {
        ObjectMapper mapper =
                new ObjectMapper()
                        .findAndRegisterModules()
                        .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        return new EventSerializer(JacksonSerializer.builder().objectMapper(mapper));
    }
}
