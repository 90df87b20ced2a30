package dev.flexplugins.application;

/**
 * The scope a page token is bound to: one list of one account (and of one plugin or configuration).
 * A token signed for one scope is refused in any other, so a token cannot page another account's
 * list, or another list of the same account. Every list names its scope here, once.
 */
final class ListScopes {
    private ListScopes() {}

    static String plugins(CallContext ctx) {
        return "plugins|" + ctx.accountSid();
    }

    static String versions(CallContext ctx, String pluginSid) {
        return "versions|" + ctx.accountSid() + "|" + pluginSid;
    }

    static String configurations(CallContext ctx) {
        return "configurations|" + ctx.accountSid();
    }

    static String configuredPlugins(CallContext ctx, String configurationSid) {
        return "configured|" + ctx.accountSid() + "|" + configurationSid;
    }

    /** The feed as filtered by a resource and an event type (either may be null). */
    static String events(CallContext ctx, String resourceSid, String type) {
        return "events|"
                + ctx.accountSid()
                + "|"
                + (resourceSid == null ? "" : resourceSid)
                + "|"
                + (type == null ? "" : type);
    }

    static String releases(CallContext ctx) {
        return "releases|" + ctx.accountSid();
    }
}
