package dev.flexplugins.app;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/**
 * Every setting of the service, one tree under {@code flex} (application.yml maps each to its
 * {@code FLEX_*} environment variable; README, "Configuration", lists them).
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

        public Duration getProbeInterval() {
            return probeInterval;
        }

        public void setProbeInterval(Duration probeInterval) {
            this.probeInterval = probeInterval;
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
}
