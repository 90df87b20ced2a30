package dev.flexplugins.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flexplugins.grpc.v1.CreatePluginRequest;
import dev.flexplugins.grpc.v1.Event;
import dev.flexplugins.grpc.v1.GetPluginRequest;
import dev.flexplugins.grpc.v1.PluginServiceGrpc;
import dev.flexplugins.grpc.v1.StreamEventsRequest;
import io.grpc.Context;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * REST requests and gRPC calls share one small set of request threads (RequestThreads): here a
 * single one. Open event streams hold none of it, and calls beyond it wait their turn instead of
 * failing.
 */
class RequestThreadsTest {
    static RunningService service;
    static GrpcClient grpc;

    @BeforeAll
    static void start() {
        service =
                RunningService.start(
                        Map.of("flex.http.threads", "1", "flex.streams.max-per-account", "4"));
        grpc = new GrpcClient(service);
    }

    @AfterAll
    static void stop() throws Exception {
        grpc.close();
        service.close();
    }

    @Test
    void openStreamsAndConcurrentCallsAllGetAnsweredOnOneRequestThread() throws Exception {
        Metadata auth = GrpcClient.basicAuth(service.accountSid, service.authToken);
        var async =
                PluginServiceGrpc.newStub(grpc.channel)
                        .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(auth));
        int streams = 4;
        int calls = 12;
        List<Context.CancellableContext> open = new ArrayList<>();
        List<Set<String>> seen = new ArrayList<>();
        CountDownLatch allSeen = new CountDownLatch(streams);
        for (int i = 0; i < streams; i++) {
            Set<String> names = ConcurrentHashMap.newKeySet();
            seen.add(names);
            Context.CancellableContext context = Context.current().withCancellation();
            open.add(context);
            context.run(
                    () ->
                            async.streamEvents(
                                    StreamEventsRequest.getDefaultInstance(),
                                    new StreamObserver<Event>() {
                                        @Override
                                        public void onNext(Event event) {
                                            String sid = event.getResourceSid();
                                            if (event.getType().equals("plugin.created")
                                                    && names.add(sid)
                                                    && names.size() == calls) {
                                                allSeen.countDown();
                                            }
                                        }

                                        @Override
                                        public void onError(Throwable t) {}

                                        @Override
                                        public void onCompleted() {}
                                    }));
        }
        var stub =
                grpc.stub(service.accountSid, service.authToken)
                        .withDeadlineAfter(30, TimeUnit.SECONDS);
        ExecutorService callers = Executors.newFixedThreadPool(calls);
        try {
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                int n = i;
                answers.add(
                        callers.submit(
                                () -> {
                                    if (n % 2 == 0) {
                                        String sid =
                                                stub.createPlugin(
                                                                CreatePluginRequest.newBuilder()
                                                                        .setUniqueName(
                                                                                "threads-" + n)
                                                                        .build())
                                                        .getSid();
                                        return stub.getPlugin(
                                                        GetPluginRequest.newBuilder()
                                                                .setPlugin(sid)
                                                                .build())
                                                .getUniqueName();
                                    }
                                    var created =
                                            service.post("/Plugins", "UniqueName=threads-" + n);
                                    assertEquals(201, created.status(), created.toString());
                                    return created.json().get("unique_name").asText();
                                }));
            }
            for (int i = 0; i < calls; i++) {
                assertEquals("threads-" + i, answers.get(i).get(30, TimeUnit.SECONDS));
            }
            assertTrue(
                    allSeen.await(30, TimeUnit.SECONDS),
                    "every open stream received every creation");
        } finally {
            callers.shutdownNow();
            open.forEach(c -> c.cancel(null));
        }
    }
}
