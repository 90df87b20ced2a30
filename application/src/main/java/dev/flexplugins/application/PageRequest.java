package dev.flexplugins.application;

/**
 * What a caller asked of a list: page size (null for the default), the page token it was given
 * (null for the first page), and the page index it believes it is on (client state, echoed back).
 */
public record PageRequest(Integer pageSize, String pageToken, Integer page) {
    public static final int DEFAULT_PAGE_SIZE = 50;
    public static final int MAX_PAGE_SIZE = 1000;
}
