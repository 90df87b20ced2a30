package dev.flexplugins.console;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.filter.ConditionalFilter;
import io.micronaut.views.ViewsFilter;
import io.micronaut.views.ViewsModelDecorator;
import io.micronaut.views.ViewsRendererLocator;
import io.micronaut.views.ViewsResolver;
import io.micronaut.views.turbo.TurboFrameRenderer;
import io.micronaut.views.turbo.TurboStreamRenderer;

/**
 * Micronaut Views' filter, which renders the console's {@code ModelAndView} answers, on the
 * console's paths only. Its own registration covers every path ({@code /**}), so every API request
 * paid for a filter that never renders anything there (measured: 15–25% of a REST fetch's JVM time
 * on 2 CPUs). It is registered for every path and switched on for the console's only (see {@link
 * ConsoleFilter#console}).
 */
@Replaces(ViewsFilter.class)
@Filter(Filter.MATCH_ALL_PATTERN)
final class ConsoleViewsFilter extends ViewsFilter implements ConditionalFilter {
    ConsoleViewsFilter(
            ViewsResolver viewsResolver,
            ViewsRendererLocator viewsRendererLocator,
            ViewsModelDecorator viewsModelDecorator,
            TurboStreamRenderer turboStreamRenderer,
            TurboFrameRenderer turboFrameRenderer) {
        super(
                viewsResolver,
                viewsRendererLocator,
                viewsModelDecorator,
                turboStreamRenderer,
                turboFrameRenderer);
    }

    @Override
    public boolean isEnabled(HttpRequest<?> request) {
        return ConsoleFilter.console(request.getPath());
    }
}
