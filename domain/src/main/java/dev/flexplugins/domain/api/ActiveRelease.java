package dev.flexplugins.domain.api;

/**
 * What the account's active release (its latest) carries: the archive rules ask it whether a plugin
 * or a version is live in Flex. Implemented by the views; read in the archiving command's own
 * transaction.
 */
public interface ActiveRelease {
    /** True when the account's active release's configuration holds this plugin. */
    boolean carriesPlugin(String accountSid, String pluginSid);

    /** True when the account's active release's configuration holds this plugin version. */
    boolean carriesVersion(String accountSid, String pluginVersionSid);

    /** No release at all (for tests and accounts that never released). */
    ActiveRelease NONE =
            new ActiveRelease() {
                @Override
                public boolean carriesPlugin(String accountSid, String pluginSid) {
                    return false;
                }

                @Override
                public boolean carriesVersion(String accountSid, String pluginVersionSid) {
                    return false;
                }
            };
}
