package dev.flexplugins.app;

import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.netty.channel.ChannelPipelineCustomizer;
import io.micronaut.http.server.netty.NettyServerCustomizer;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connections on the REST port that would hold the service hostage. A new connection must deliver
 * its first request whole within {@code flex.http.request-read-timeout} of connecting, and each
 * later request within that time of its first byte: a connection that sent nothing is closed
 * without an answer (a socket opened and left silent would otherwise hold a connection slot
 * forever), one that sent part of a request is answered 408 and closed (headers or a body trickled
 * a byte at a time). Past {@code flex.http.max-connections} open connections, a new one is answered
 * 503 and closed. Idle keep-alive connections (after a request) close after {@code
 * micronaut.server.idle-timeout}. The answers are written as raw bytes, in Twilio's error shape,
 * since the request was never decoded.
 */
@Singleton
final class SlowClientGuard implements BeanCreatedEventListener<NettyServerCustomizer.Registry> {
    private static final Logger LOG = LoggerFactory.getLogger(SlowClientGuard.class);

    private final Duration readTimeout;
    private final int maxConnections;
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicLong closedSilent = new AtomicLong();
    private final AtomicLong closedSlow = new AtomicLong();
    private final AtomicLong closedOverLimit = new AtomicLong();

    SlowClientGuard(FlexProperties properties) {
        this.readTimeout = properties.getHttp().getRequestReadTimeout();
        this.maxConnections = properties.getHttp().getMaxConnections();
    }

    @Override
    public NettyServerCustomizer.Registry onCreated(
            BeanCreatedEvent<NettyServerCustomizer.Registry> event) {
        event.getBean().register(new Customizer(null));
        return event.getBean();
    }

    /** Open REST connections (for tests and metrics). */
    int open() {
        return open.get();
    }

    /** Connections closed because no byte arrived within the read timeout of connecting. */
    long closedSilent() {
        return closedSilent.get();
    }

    /** Connections answered 408: a request begun but not whole within the read timeout. */
    long closedSlow() {
        return closedSlow.get();
    }

    /** Connections answered 503 because the most allowed were open. */
    long closedOverLimit() {
        return closedOverLimit.get();
    }

    private final class Customizer implements NettyServerCustomizer {
        private final Channel channel;

        Customizer(Channel channel) {
            this.channel = channel;
        }

        @Override
        public NettyServerCustomizer specializeForChannel(Channel channel, ChannelRole role) {
            return role == ChannelRole.CONNECTION ? new Customizer(channel) : this;
        }

        @Override
        public void onStreamPipelineBuilt() {
            if (channel == null) {
                return;
            }
            ChannelPipeline pipeline = channel.pipeline();
            if (pipeline.get(ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC) == null
                    || pipeline.get(Watch.class) != null) {
                return; // not an HTTP/1 connection, or guarded already
            }
            Watch watch = new Watch();
            pipeline.addFirst("flex-slow-client-guard", watch);
            pipeline.addAfter(
                    ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC,
                    "flex-request-complete",
                    watch.complete);
        }
    }

    /** A request target is printable ASCII (RFC 9112): other characters must be percent-encoded. */
    static boolean asciiTarget(String uri) {
        for (int i = 0; i < uri.length(); i++) {
            char c = uri.charAt(i);
            if (c <= 0x20 || c >= 0x7f) {
                return false;
            }
        }
        return true;
    }

    /**
     * Sees the raw bytes (first in the pipeline) and, through {@link #complete}, the decoded
     * requests.
     */
    private final class Watch extends ChannelDuplexHandler {
        private ScheduledFuture<?> deadline;
        private boolean counted;
        private boolean lingering;

        /**
         * Whether any byte of the awaited request has arrived (else the deadline closes silently).
         */
        private boolean begun;

        /** This handler's context: where raw bytes are written, below the HTTP codec. */
        private ChannelHandlerContext raw;

        /**
         * Closing while a request is still arriving (answered before its body was read, e.g. a
         * request line over the limit): the kernel would reset the connection when the unread bytes
         * come in, and the client would lose the answer. So the close lingers, as web servers do:
         * the answer is sent, output shut down, the rest of the request read and dropped, and the
         * connection closed when the client closes or after two seconds.
         */
        @Override
        public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
            if (deadline == null
                    || !begun
                    || lingering
                    || !(ctx.channel() instanceof SocketChannel socket)
                    || socket.isOutputShutdown()) {
                ctx.close(promise);
                return;
            }
            lingering = true;
            if (deadline != null) {
                deadline.cancel(false); // the answer is sent; only the linger's own limit applies
                deadline = null;
            }
            socket.shutdownOutput()
                    .addListener(
                            done ->
                                    ctx.executor()
                                            .schedule(
                                                    () -> {
                                                        ctx.close(promise);
                                                    },
                                                    2,
                                                    TimeUnit.SECONDS));
        }

        final ChannelInboundHandlerAdapter complete =
                new ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelRead(ChannelHandlerContext ctx, Object msg) {
                        if (msg instanceof HttpRequest request && !asciiTarget(request.uri())) {
                            ReferenceCountUtil.release(msg);
                            refuse(
                                    raw,
                                    400,
                                    20001,
                                    "Bad Request",
                                    "The request target must be ASCII: percent-encode other characters");
                            return;
                        }
                        if (msg instanceof LastHttpContent) {
                            begun = false;
                            if (deadline != null) {
                                deadline.cancel(false);
                                deadline = null;
                            }
                        }
                        ctx.fireChannelRead(msg);
                    }
                };

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            raw = ctx;
            counted = true;
            if (open.incrementAndGet() > maxConnections) {
                closedOverLimit.incrementAndGet();
                LOG.warn(
                        "REST connection from {} refused: {} connections are open, the most allowed",
                        ctx.channel().remoteAddress(),
                        maxConnections);
                refuse(
                        ctx,
                        503,
                        20503,
                        "Service Unavailable",
                        "Too many open connections; retry in a moment");
                return;
            }
            awaitRequest(ctx);
        }

        /**
         * Starts the clock for the next request: it must arrive whole within the read timeout. Runs
         * when the connection opens and at a request's first byte after an answered one (between
         * requests, the idle timeout applies).
         */
        private void awaitRequest(ChannelHandlerContext ctx) {
            deadline =
                    ctx.executor()
                            .schedule(
                                    () -> timedOut(ctx),
                                    readTimeout.toMillis(),
                                    TimeUnit.MILLISECONDS);
        }

        private void timedOut(ChannelHandlerContext ctx) {
            deadline = null;
            if (!begun) {
                closedSilent.incrementAndGet();
                LOG.debug(
                        "REST connection from {} closed: nothing sent within {} ms of connecting",
                        ctx.channel().remoteAddress(),
                        readTimeout.toMillis());
                ctx.close();
                return;
            }
            closedSlow.incrementAndGet();
            LOG.info(
                    "REST connection from {} closed: a request did not arrive whole within {} ms",
                    ctx.channel().remoteAddress(),
                    readTimeout.toMillis());
            refuse(
                    ctx,
                    408,
                    20408,
                    "Request Timeout",
                    "The request did not arrive within " + readTimeout.toMillis() + " ms");
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            release();
            ctx.fireChannelInactive();
        }

        @Override
        public void handlerRemoved(ChannelHandlerContext ctx) {
            release();
        }

        private void release() {
            if (counted) {
                counted = false;
                open.decrementAndGet();
            }
            if (deadline != null) {
                deadline.cancel(false);
                deadline = null;
            }
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (lingering) {
                ReferenceCountUtil.release(msg); // the rest of a request already answered
                return;
            }
            if (msg instanceof ByteBuf bytes && bytes.isReadable()) {
                begun = true;
                if (deadline == null) {
                    awaitRequest(ctx);
                }
            }
            ctx.fireChannelRead(msg);
        }

        private void refuse(
                ChannelHandlerContext ctx, int status, int code, String reason, String message) {
            String body =
                    "{\"code\":"
                            + code
                            + ",\"message\":\""
                            + message
                            + "\",\"more_info\":"
                            + "\"https://www.twilio.com/docs/errors/"
                            + code
                            + "\",\"status\":"
                            + status
                            + "}";
            String response =
                    "HTTP/1.1 "
                            + status
                            + " "
                            + reason
                            + "\r\nContent-Type: application/json\r\n"
                            + (status == 503 ? "Retry-After: 1\r\n" : "")
                            + "Connection: close\r\nContent-Length: "
                            + body.getBytes(StandardCharsets.UTF_8).length
                            + "\r\n\r\n"
                            + body;
            ctx.writeAndFlush(Unpooled.copiedBuffer(response, StandardCharsets.UTF_8))
                    .addListener(ChannelFutureListener.CLOSE);
        }
    }
}
