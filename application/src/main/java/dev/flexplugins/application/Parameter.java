package dev.flexplugins.application;

import dev.flexplugins.domain.api.Input;

/**
 * A parameter of a request that is not a field of the domain: paging, time travel, the audit feed's
 * filters and positions, the caller's request id. A refusal names it; each facade spells it (REST
 * {@code PageSize}, gRPC {@code page_size}). Some exist on one facade only.
 */
public enum Parameter implements Input {
    /** REST only: Twilio's page number. */
    PAGE,
    PAGE_SIZE,
    PAGE_TOKEN,
    AS_OF,
    AFTER,
    /** REST only. */
    BEFORE,
    EVENT_TYPE,
    RESOURCE_SID,
    /** REST only: the position in {@code /Events/{Position}}. */
    EVENT_POSITION,
    /** The caller's request id, for a retry to be answered, not applied again. */
    REQUEST_ID,
    /** REST only: an API key of Twilio's 2010 API. */
    API_KEY,
    /** REST only: the request body as a whole (e.g. not valid UTF-8). */
    BODY
}
