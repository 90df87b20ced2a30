package dev.flexplugins.application;

import dev.flexplugins.application.Resources.AuditEvent;
import dev.flexplugins.domain.api.PluginServiceException;
import dev.flexplugins.projections.Cursor;
import dev.flexplugins.projections.EventLog;
import dev.flexplugins.projections.FeedSignal;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What auditors ask of the log: a resource's history, the account's feed, one event, and any
 * resource as it was at a past instant. Answered from the events, not from the views.
 */
public class AuditTrail {
    private static final Pattern EVENT_TYPE = Pattern.compile("[a-z_]{1,40}\\.[a-z_]{1,40}");
    private static final long SEQUENCING_WAIT_MILLIS = 3000;

    /** A page of events in log order, with where the next and previous pages start. */
    public record EventPage(
            List<AuditEvent> events, int pageSize, Long nextAfter, Long previousBefore) {}

    private final FeedSignal signal;
    private final PageTokens pageTokens;
    private final PluginCatalog catalog;
    private final EventLog log;

    public AuditTrail(
            PluginCatalog catalog, EventLog log, FeedSignal signal, PageTokens pageTokens) {
        this.catalog = catalog;
        this.log = log;
        this.signal = signal;
        this.pageTokens = pageTokens;
    }

    /** A page of the feed with an opaque, signed token for the next one (gRPC ListEvents). */
    public record FeedPage(List<AuditEvent> events, String nextPageToken) {}

    /**
     * The feed after {@code after}, or from where {@code pageToken} (a next-page token of the same
     * filtered feed, signed like every list's tokens) says.
     */
    public FeedPage feedPage(
            CallContext ctx,
            String resourceSid,
            String type,
            long after,
            String pageToken,
            Integer pageSize) {
        String scope = ListScopes.events(ctx, resourceSid, type);
        long from = after;
        if (pageToken != null && !pageToken.isEmpty()) {
            from = pageTokens.read(scope, pageToken, Parameter.PAGE_TOKEN).cursor().listKey();
        }
        EventPage page = feed(ctx, resourceSid, type, from, null, pageSize);
        String next =
                page.nextAfter() == null
                        ? null
                        : pageTokens.issue(
                                scope, new Cursor(Cursor.Direction.NEWER, page.nextAfter()), 0);
        return new FeedPage(page.events(), next);
    }

    /** Runs {@code listener} (quickly) each time this node's sequencer positions new events. */
    public void onFeedAdvance(Runnable listener) {
        signal.onAdvance(listener);
    }

    // --- history and feed --------------------------------------------------------------------

    /** The plugin's own events, oldest first. */
    public EventPage pluginHistory(
            CallContext ctx, String pluginRef, Long after, Long before, Integer pageSize) {
        Resources.Plugin plugin = catalog.fetchPlugin(ctx, pluginRef);
        return resourceHistory(ctx, plugin.sid(), after, before, pageSize);
    }

    /** The version's events, oldest first. */
    public EventPage versionHistory(
            CallContext ctx,
            String pluginRef,
            String versionRef,
            Long after,
            Long before,
            Integer pageSize) {
        Resources.PluginVersion version = catalog.fetchVersion(ctx, pluginRef, versionRef);
        return resourceHistory(ctx, version.sid(), after, before, pageSize);
    }

    /** The account's events in log order, optionally of one resource and/or one type. */
    public EventPage feed(
            CallContext ctx,
            String resourceSid,
            String type,
            Long after,
            Long before,
            Integer pageSize) {
        if (type != null && !EVENT_TYPE.matcher(type).matches()) {
            throw PluginServiceException.invalid(
                    Parameter.EVENT_TYPE,
                    input -> input + " must be an event type such as plugin_version.created");
        }
        if (resourceSid != null && resourceSid.length() > 64) {
            throw PluginServiceException.invalid(
                    Parameter.RESOURCE_SID, input -> input + " must be a SID");
        }
        if (resourceSid != null) {
            // one resource's feed is its history: read-your-writes, as for resourceHistory
            awaitSequenced(resourceSid);
        }
        return page(ctx.accountSid(), resourceSid, type, after, before, pageSize);
    }

    /** The account's event at a position. */
    public AuditEvent event(CallContext ctx, long position) {
        return log.at(ctx.accountSid(), position)
                .map(AuditEvent::of)
                .orElseThrow(
                        () ->
                                PluginServiceException.notFound(
                                        Parameter.EVENT_POSITION,
                                        "The requested Event " + position + " was not found"));
    }

    /**
     * The events of a resource the caller has already fetched (so it exists and is theirs), oldest
     * first.
     */
    public EventPage resourceHistory(
            CallContext ctx, String resourceSid, Long after, Long before, Integer pageSize) {
        awaitSequenced(resourceSid);
        return page(ctx.accountSid(), resourceSid, null, after, before, pageSize);
    }

    private EventPage page(
            String accountSid,
            String resourceSid,
            String type,
            Long after,
            Long before,
            Integer pageSize) {
        int size = Paging.pageSize(new PageRequest(pageSize, null, null));
        if ((after != null && after < 0) || (before != null && before < 1)) {
            throw PluginServiceException.invalid(
                    after != null ? Parameter.AFTER : Parameter.BEFORE, "positions start at 1");
        }
        List<AuditEvent> events =
                log
                        .feed(
                                new EventLog.FeedQuery(
                                        accountSid, resourceSid, type, after, before, size + 1))
                        .stream()
                        .map(AuditEvent::of)
                        .toList();
        boolean more = events.size() > size;
        if (more) {
            events = before != null ? events.subList(1, events.size()) : events.subList(0, size);
        }
        Long next = null;
        Long previous = null;
        if (!events.isEmpty()) {
            long first = events.get(0).position();
            long last = events.get(events.size() - 1).position();
            next = before != null || more ? last : null;
            previous =
                    (before != null && more) || (before == null && after != null && after > 0)
                            ? first
                            : null;
        } else if (before != null) {
            next = before - 1;
        }
        return new EventPage(events, size, next, previous);
    }

    /** A resource's history is complete once the sequencer has positioned all its events. */
    private void awaitSequenced(String resourceSid) {
        long deadline = System.currentTimeMillis() + SEQUENCING_WAIT_MILLIS;
        while (log.resource(resourceSid).stream().anyMatch(e -> e.position() == null)
                && System.currentTimeMillis() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
