package dev.flexplugins.app;

import com.google.protobuf.Timestamp;
import java.time.Instant;

final class ProtoTimestamps {
    private ProtoTimestamps() {}

    static Timestamp of(Instant instant) {
        return Timestamp.newBuilder()
                .setSeconds(instant.getEpochSecond())
                .setNanos(instant.getNano())
                .build();
    }
}
