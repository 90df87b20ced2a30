package dev.flexplugins.app;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Every setting of the service, one tree under {@code flex} (application.yml maps each to its
 * {@code FLEX_*} environment variable; docs/configuration.md lists them). Values are checked before
 * the service starts, against the rules in {@link dev.flexplugins.app.settings.Settings}.
 */
@ConfigurationProperties("flex")
public class FlexProperties {
    private String publicBaseUrl = "";
    private Http http = new Http();
    private Db db = new Db();
    private Health health = new Health();
    private Shutdown shutdown = new Shutdown();
    private Feed feed = new Feed();
    private Bootstrap bootstrap = new Bootstrap();
    private Auth auth = new Auth();
    private Streams streams = new Streams();
    private Grpc grpc = new Grpc();

    public Grpc getGrpc() {
        return grpc;
    }

    public void setGrpc(Grpc grpc) {
        this.grpc = grpc;
    }

    public Auth getAuth() {
        return auth;
    }

    public void setAuth(Auth auth) {
        this.auth = auth;
    }

    public Streams getStreams() {
        return streams;
    }

    public void setStreams(Streams streams) {
        this.streams = streams;
    }

    public String getPublicBaseUrl() {
        return publicBaseUrl;
    }

    public void setPublicBaseUrl(String publicBaseUrl) {
        this.publicBaseUrl = publicBaseUrl;
    }

    public Http getHttp() {
        return http;
    }

    public void setHttp(Http http) {
        this.http = http;
    }

    public Db getDb() {
        return db;
    }

    public void setDb(Db db) {
        this.db = db;
    }

    public Health getHealth() {
        return health;
    }

    public void setHealth(Health health) {
        this.health = health;
    }

    public Shutdown getShutdown() {
        return shutdown;
    }

    public void setShutdown(Shutdown shutdown) {
        this.shutdown = shutdown;
    }

    public Feed getFeed() {
        return feed;
    }

    public void setFeed(Feed feed) {
        this.feed = feed;
    }

    public Bootstrap getBootstrap() {
        return bootstrap;
    }

    public void setBootstrap(Bootstrap bootstrap) {
        this.bootstrap = bootstrap;
    }

    /** {@code flex.http}: the REST facade. */
    @ConfigurationProperties("http")
    public static class Http {
        private int maxBodyBytes = 262144;
        private List<String> allowedHosts = new ArrayList<>();
        private List<String> trustedProxies = new ArrayList<>();
        private Duration requestReadTimeout = Duration.ofSeconds(10);
        private int maxConnections = 1000;
        private int threads;

        /** Threads that run requests; 0 means as many as the database pool has connections. */
        public int getThreads() {
            return threads;
        }

        public void setThreads(int threads) {
            this.threads = threads;
        }

        /**
         * A new connection's first request must arrive whole within this of connecting, a later
         * request within this of its first byte.
         */
        public Duration getRequestReadTimeout() {
            return requestReadTimeout;
        }

        public void setRequestReadTimeout(Duration requestReadTimeout) {
            this.requestReadTimeout = requestReadTimeout;
        }

        /** Open REST connections allowed at once. */
        public int getMaxConnections() {
            return maxConnections;
        }

        public void setMaxConnections(int maxConnections) {
            this.maxConnections = maxConnections;
        }

        /** Host header values absolute URLs may be built from when no public base URL is set. */
        public List<String> getAllowedHosts() {
            return allowedHosts;
        }

        public void setAllowedHosts(List<String> allowedHosts) {
            this.allowedHosts = allowedHosts;
        }

        /** Peer addresses whose X-Forwarded-* / Forwarded headers are believed. */
        public List<String> getTrustedProxies() {
            return trustedProxies;
        }

        public void setTrustedProxies(List<String> trustedProxies) {
            this.trustedProxies = trustedProxies;
        }

        public int getMaxBodyBytes() {
            return maxBodyBytes;
        }

        public void setMaxBodyBytes(int maxBodyBytes) {
            this.maxBodyBytes = maxBodyBytes;
        }
    }

    /**
     * {@code flex.db}: the connection pool (the JDBC URL and credentials are {@code
     * datasources.default}).
     */
    @ConfigurationProperties("db")
    public static class Db {
        /** Pool size; 0 means two per CPU, at least 4. */
        private int poolSize;

        public int getPoolSize() {
            return poolSize;
        }

        public void setPoolSize(int poolSize) {
            this.poolSize = poolSize;
        }
    }

    /** {@code flex.health}: the database monitor. */
    @ConfigurationProperties("health")
    public static class Health {
        private Duration probeInterval = Duration.ofSeconds(1);
        private int feedLagLimit = 100_000;

        public Duration getProbeInterval() {
            return probeInterval;
        }

        public void setProbeInterval(Duration probeInterval) {
            this.probeInterval = probeInterval;
        }

        /**
         * The probe counts the events the feed has not positioned up to this many, so that its cost
         * stays bounded however far the feed falls behind.
         */
        public int getFeedLagLimit() {
            return feedLagLimit;
        }

        public void setFeedLagLimit(int feedLagLimit) {
            this.feedLagLimit = feedLagLimit;
        }
    }

    /** {@code flex.shutdown}: what SIGTERM does (see GracefulShutdown). */
    @ConfigurationProperties("shutdown")
    public static class Shutdown {
        private Duration grace = Duration.ofSeconds(5);
        private Duration drainTimeout = Duration.ofSeconds(30);

        public Duration getGrace() {
            return grace;
        }

        public void setGrace(Duration grace) {
            this.grace = grace;
        }

        public Duration getDrainTimeout() {
            return drainTimeout;
        }

        public void setDrainTimeout(Duration drainTimeout) {
            this.drainTimeout = drainTimeout;
        }
    }

    /** {@code flex.feed}: the feed sequencer's token claim. */
    @ConfigurationProperties("feed")
    public static class Feed {
        private Duration claimTimeout = Duration.ofSeconds(3);
        private Duration heartbeat = Duration.ofMillis(500);
        private Duration batchLinger = Duration.ofMillis(10);

        public Duration getBatchLinger() {
            return batchLinger;
        }

        public void setBatchLinger(Duration batchLinger) {
            this.batchLinger = batchLinger;
        }

        public Duration getClaimTimeout() {
            return claimTimeout;
        }

        public void setClaimTimeout(Duration claimTimeout) {
            this.claimTimeout = claimTimeout;
        }

        public Duration getHeartbeat() {
            return heartbeat;
        }

        public void setHeartbeat(Duration heartbeat) {
            this.heartbeat = heartbeat;
        }
    }

    /** {@code flex.bootstrap}: the account created or confirmed at start. */
    @ConfigurationProperties("bootstrap")
    public static class Bootstrap {
        private String accountSid = "";
        private String authToken = "";

        public String getAccountSid() {
            return accountSid;
        }

        public void setAccountSid(String accountSid) {
            this.accountSid = accountSid;
        }

        public String getAuthToken() {
            return authToken;
        }

        public void setAuthToken(String authToken) {
            this.authToken = authToken;
        }
    }

    /**
     * {@code flex.auth}: the brake on failed sign-ins (per client address), and the alert on an
     * account's failures (never a refusal).
     */
    @ConfigurationProperties("auth")
    public static class Auth {
        private int accountAlertFailures = 20;
        private int maxFailuresPerAddress = 50;
        private Duration failureWindow = Duration.ofMinutes(1);

        public int getAccountAlertFailures() {
            return accountAlertFailures;
        }

        public void setAccountAlertFailures(int accountAlertFailures) {
            this.accountAlertFailures = accountAlertFailures;
        }

        public int getMaxFailuresPerAddress() {
            return maxFailuresPerAddress;
        }

        public void setMaxFailuresPerAddress(int maxFailuresPerAddress) {
            this.maxFailuresPerAddress = maxFailuresPerAddress;
        }

        public Duration getFailureWindow() {
            return failureWindow;
        }

        public void setFailureWindow(Duration failureWindow) {
            this.failureWindow = failureWindow;
        }
    }

    /** {@code flex.streams}: live event streams (gRPC StreamEvents). */
    @ConfigurationProperties("streams")
    public static class Streams {
        private int maxPerAccount = 16;
        private int threads = 2;

        public int getMaxPerAccount() {
            return maxPerAccount;
        }

        public void setMaxPerAccount(int maxPerAccount) {
            this.maxPerAccount = maxPerAccount;
        }

        public int getThreads() {
            return threads;
        }

        public void setThreads(int threads) {
            this.threads = threads;
        }
    }

    /** {@code flex.grpc}: limits of the gRPC port's connections. */
    @ConfigurationProperties("grpc")
    public static class Grpc {
        private Duration handshakeTimeout = Duration.ofSeconds(10);
        private Duration maxConnectionIdle = Duration.ofSeconds(60);
        private Duration maxConnectionAge = Duration.ofMinutes(30);
        private Duration maxConnectionAgeGrace = Duration.ofSeconds(30);
        private Duration keepAliveTime = Duration.ofSeconds(30);
        private Duration keepAliveTimeout = Duration.ofSeconds(10);
        private int maxMetadataBytes = 8192;

        public Duration getHandshakeTimeout() {
            return handshakeTimeout;
        }

        public void setHandshakeTimeout(Duration handshakeTimeout) {
            this.handshakeTimeout = handshakeTimeout;
        }

        public Duration getMaxConnectionIdle() {
            return maxConnectionIdle;
        }

        public void setMaxConnectionIdle(Duration maxConnectionIdle) {
            this.maxConnectionIdle = maxConnectionIdle;
        }

        public Duration getMaxConnectionAge() {
            return maxConnectionAge;
        }

        public void setMaxConnectionAge(Duration maxConnectionAge) {
            this.maxConnectionAge = maxConnectionAge;
        }

        public Duration getMaxConnectionAgeGrace() {
            return maxConnectionAgeGrace;
        }

        public void setMaxConnectionAgeGrace(Duration maxConnectionAgeGrace) {
            this.maxConnectionAgeGrace = maxConnectionAgeGrace;
        }

        public Duration getKeepAliveTime() {
            return keepAliveTime;
        }

        public void setKeepAliveTime(Duration keepAliveTime) {
            this.keepAliveTime = keepAliveTime;
        }

        public Duration getKeepAliveTimeout() {
            return keepAliveTimeout;
        }

        public void setKeepAliveTimeout(Duration keepAliveTimeout) {
            this.keepAliveTimeout = keepAliveTimeout;
        }

        public int getMaxMetadataBytes() {
            return maxMetadataBytes;
        }

        public void setMaxMetadataBytes(int maxMetadataBytes) {
            this.maxMetadataBytes = maxMetadataBytes;
        }
    }
}
