package dev.flexplugins.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flexplugins.grpc.v1.CreatePluginRequest;
import dev.flexplugins.grpc.v1.CreatePluginVersionRequest;
import dev.flexplugins.grpc.v1.GetPluginVersionRequest;
import dev.flexplugins.grpc.v1.PluginServiceGrpc;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The load driver of bench/run. Subcommands (all print one JSON object on stdout):
 *
 * <ul>
 *   <li>{@code seed PLUGIN COUNT CONCURRENCY MAJOR}: creates the plugin if needed and COUNT
 *       versions MAJOR.i.0 over gRPC; reports events/s.
 *   <li>{@code grpc-create PLUGIN SECONDS CONCURRENCY MAJOR}: creates versions for a fixed time.
 *   <li>{@code grpc-get PLUGIN VERSION SECONDS CONCURRENCY}: gets one version for a fixed time.
 *   <li>{@code http-get URL SECONDS CONCURRENCY}: REST GETs for a fixed time from this JVM, to
 *       compare with grpc-get like for like (the same client runtime on the same CPUs).
 *   <li>{@code http-create URL SECONDS CONCURRENCY MAJOR}: REST creates of versions MAJOR.worker.i
 *       for a fixed time from this JVM, to compare with grpc-create like for like.
 *   <li>{@code http-probe METHOD URL COUNT [BODY-PREFIX]}: sequential REST requests; a POST body
 *       gets "i" appended to make each unique.
 * </ul>
 *
 * Environment: BENCH_GRPC (host:port), BENCH_AUTH (AccountSid:AuthToken).
 */
public final class Driver {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Driver() {}

    public static void main(String[] args) throws Exception {
        Map<String, Object> result =
                switch (args[0]) {
                    case "seed" ->
                            seed(
                                    args[1],
                                    Integer.parseInt(args[2]),
                                    Integer.parseInt(args[3]),
                                    args[4]);
                    case "grpc-create" ->
                            grpcCreate(
                                    args[1],
                                    Integer.parseInt(args[2]),
                                    Integer.parseInt(args[3]),
                                    args[4]);
                    case "grpc-get" ->
                            grpcGet(
                                    args[1],
                                    args[2],
                                    Integer.parseInt(args[3]),
                                    Integer.parseInt(args[4]));
                    case "http-get" ->
                            httpGet(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]));
                    case "http-create" ->
                            httpCreate(
                                    args[1],
                                    Integer.parseInt(args[2]),
                                    Integer.parseInt(args[3]),
                                    args[4]);
                    case "http-probe" ->
                            httpProbe(
                                    args[1],
                                    args[2],
                                    Integer.parseInt(args[3]),
                                    args.length > 4 ? args[4] : null);
                    default -> throw new IllegalArgumentException("unknown subcommand " + args[0]);
                };
        System.out.println(JSON.writeValueAsString(result));
        System.exit(0);
    }

    private static PluginServiceGrpc.PluginServiceBlockingStub stub(ManagedChannel channel) {
        Metadata headers = new Metadata();
        headers.put(
                Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), basicAuth());
        return PluginServiceGrpc.newBlockingStub(channel)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
    }

    private static ManagedChannel channel() {
        String[] target = System.getenv("BENCH_GRPC").split(":");
        return NettyChannelBuilder.forAddress(target[0], Integer.parseInt(target[1]))
                .usePlaintext()
                .build();
    }

    private static void ensurePlugin(
            PluginServiceGrpc.PluginServiceBlockingStub stub, String plugin) {
        try {
            stub.createPlugin(CreatePluginRequest.newBuilder().setUniqueName(plugin).build());
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() != Status.Code.ALREADY_EXISTS) {
                throw e;
            }
        }
    }

    private static CreatePluginVersionRequest version(String plugin, String version) {
        return CreatePluginVersionRequest.newBuilder()
                .setPlugin(plugin)
                .setVersion(version)
                .setPluginUrl("https://assets.example.com/" + plugin + "/" + version + "/bundle.js")
                .setChangelog("bench")
                .build();
    }

    static Map<String, Object> seed(String plugin, int count, int concurrency, String major)
            throws Exception {
        ManagedChannel channel = channel();
        var stub = stub(channel);
        ensurePlugin(stub, plugin);
        AtomicLong next = new AtomicLong();
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        List<Future<?>> futures = new ArrayList<>();
        for (int w = 0; w < concurrency; w++) {
            futures.add(
                    pool.submit(
                            () -> {
                                for (long i = next.getAndIncrement();
                                        i < count;
                                        i = next.getAndIncrement()) {
                                    stub.createPluginVersion(
                                            version(plugin, major + "." + i + ".0"));
                                }
                                return null;
                            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        channel.shutdownNow();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("created", count);
        out.put("seconds", seconds);
        out.put("per_second", count / seconds);
        return out;
    }

    /** Runs {@code call} from {@code concurrency} workers for {@code seconds}; latency in ms. */
    private static Map<String, Object> load(int seconds, int concurrency, Call call)
            throws Exception {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        List<Future<long[]>> futures = new ArrayList<>();
        AtomicLong errors = new AtomicLong();
        long start = System.nanoTime();
        for (int w = 0; w < concurrency; w++) {
            int worker = w;
            futures.add(
                    pool.submit(
                            () -> {
                                long[] latencies = new long[1 << 16];
                                int n = 0;
                                for (long i = 0; System.nanoTime() < end; i++) {
                                    long t0 = System.nanoTime();
                                    try {
                                        call.run(worker, i);
                                    } catch (RuntimeException e) {
                                        errors.incrementAndGet();
                                    }
                                    if (n == latencies.length) {
                                        latencies = Arrays.copyOf(latencies, n * 2);
                                    }
                                    latencies[n++] = System.nanoTime() - t0;
                                }
                                return Arrays.copyOf(latencies, n);
                            }));
        }
        List<long[]> all = new ArrayList<>();
        for (Future<long[]> f : futures) {
            all.add(f.get());
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        return stats(all, elapsed, errors.get());
    }

    interface Call {
        void run(int worker, long i);
    }

    static Map<String, Object> grpcCreate(String plugin, int seconds, int concurrency, String major)
            throws Exception {
        ManagedChannel channel = channel();
        var stub = stub(channel);
        ensurePlugin(stub, plugin);
        var result =
                load(
                        seconds,
                        concurrency,
                        (worker, i) ->
                                stub.createPluginVersion(
                                        version(plugin, major + "." + worker + "." + i)));
        channel.shutdownNow();
        return result;
    }

    static Map<String, Object> grpcGet(
            String plugin, String versionSid, int seconds, int concurrency) throws Exception {
        ManagedChannel channel = channel();
        var stub = stub(channel);
        var request =
                GetPluginVersionRequest.newBuilder()
                        .setPlugin(plugin)
                        .setVersion(versionSid)
                        .build();
        var result = load(seconds, concurrency, (worker, i) -> stub.getPluginVersion(request));
        channel.shutdownNow();
        return result;
    }

    static Map<String, Object> httpGet(String url, int seconds, int concurrency) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String auth = basicAuth();
        HttpRequest request =
                HttpRequest.newBuilder(URI.create(url)).header("Authorization", auth).build();
        return load(seconds, concurrency, (worker, i) -> send(http, request, 200));
    }

    static Map<String, Object> httpCreate(String url, int seconds, int concurrency, String major)
            throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String auth = basicAuth();
        return load(
                seconds,
                concurrency,
                (worker, i) -> {
                    String version = major + "." + worker + "." + i;
                    HttpRequest request =
                            HttpRequest.newBuilder(URI.create(url))
                                    .header("Authorization", auth)
                                    .header("Content-Type", "application/x-www-form-urlencoded")
                                    .POST(
                                            HttpRequest.BodyPublishers.ofString(
                                                    "Version="
                                                            + version
                                                            + "&PluginUrl=https%3A%2F%2Fassets.example.com%2Fb.js"
                                                            + "&Changelog=bench"))
                                    .build();
                    send(http, request, 201);
                });
    }

    /** The Basic credentials of BENCH_AUTH (AccountSid:AuthToken). */
    private static String basicAuth() {
        return "Basic "
                + Base64.getEncoder()
                        .encodeToString(
                                System.getenv("BENCH_AUTH").getBytes(StandardCharsets.UTF_8));
    }

    /** One request of a load phase; any other status than {@code expected} counts as an error. */
    private static void send(HttpClient http, HttpRequest request, int expected) {
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != expected) {
                throw new IllegalStateException("status " + r.statusCode());
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Map<String, Object> httpProbe(String method, String url, int count, String bodyPrefix)
            throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String auth = basicAuth();
        long[] latencies = new long[count];
        long errors = 0;
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            HttpRequest.Builder b =
                    HttpRequest.newBuilder(URI.create(url)).header("Authorization", auth);
            if (method.equals("POST")) {
                b.header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(bodyPrefix + i));
            }
            long t0 = System.nanoTime();
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            latencies[i] = System.nanoTime() - t0;
            if (r.statusCode() >= 300) {
                errors++;
            }
        }
        return stats(List.of(latencies), (System.nanoTime() - start) / 1e9, errors);
    }

    private static Map<String, Object> stats(List<long[]> perWorker, double seconds, long errors) {
        int total = perWorker.stream().mapToInt(a -> a.length).sum();
        long[] all = new long[total];
        int k = 0;
        for (long[] a : perWorker) {
            System.arraycopy(a, 0, all, k, a.length);
            k += a.length;
        }
        Arrays.sort(all);
        Map<String, Object> out = new HashMap<>();
        out.put("requests", total);
        out.put("seconds", seconds);
        out.put("per_second", total / seconds);
        out.put("p50_ms", total == 0 ? 0 : all[(int) (total * 0.50)] / 1e6);
        out.put("p99_ms", total == 0 ? 0 : all[Math.min(total - 1, (int) (total * 0.99))] / 1e6);
        out.put("max_ms", total == 0 ? 0 : all[total - 1] / 1e6);
        out.put("errors", errors);
        return out;
    }
}
