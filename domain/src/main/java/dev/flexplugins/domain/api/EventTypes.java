package dev.flexplugins.domain.api;

import java.util.Locale;

/**
 * The public names of event types in the audit history: {@code PluginVersionCreated} is {@code
 * plugin_version.created} (resource, then what happened to it).
 */
public final class EventTypes {
    private EventTypes() {}

    public static String of(Class<?> eventClass) {
        return of(eventClass.getSimpleName());
    }

    public static String of(String simpleName) {
        String[] words = simpleName.split("(?<=[a-z0-9])(?=[A-Z])");
        if (words.length < 2) {
            return simpleName.toLowerCase(Locale.ROOT);
        }
        StringBuilder resource = new StringBuilder();
        for (int i = 0; i < words.length - 1; i++) {
            if (i > 0) {
                resource.append('_');
            }
            resource.append(words[i].toLowerCase(Locale.ROOT));
        }
        return resource + "." + words[words.length - 1].toLowerCase(Locale.ROOT);
    }
}
