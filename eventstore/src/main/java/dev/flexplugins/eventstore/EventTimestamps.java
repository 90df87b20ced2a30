package dev.flexplugins.eventstore;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;

/**
 * The event store's timestamps as Axon writes them ({@code 2026-11-29T20:05:01.027Z}: UTC,
 * milliseconds), read without a general formatter; any other text (another offset, a year beyond
 * 9999) is left to the general ISO-8601 parser.
 */
final class EventTimestamps {
    /** UTC with exactly three fractional digits: the text Axon's JDBC engine wrote, kept as is. */
    private static final DateTimeFormatter STORED =
            new DateTimeFormatterBuilder().appendInstant(3).toFormatter();

    private EventTimestamps() {}

    /** An event's timestamp as the store keeps it (milliseconds, UTC). */
    static String format(Instant instant) {
        return STORED.format(instant);
    }

    /** Any ISO-8601 date-time with an offset. */
    private static Instant general(String text) {
        return DateTimeFormatter.ISO_DATE_TIME.parse(text, Instant::from);
    }

    static Instant parse(String text) {
        if (text == null
                || text.length() != 24
                || text.charAt(4) != '-'
                || text.charAt(7) != '-'
                || text.charAt(10) != 'T'
                || text.charAt(13) != ':'
                || text.charAt(16) != ':'
                || text.charAt(19) != '.'
                || text.charAt(23) != 'Z') {
            return general(text);
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        int hour = digits(text, 11, 2);
        int minute = digits(text, 14, 2);
        int second = digits(text, 17, 2);
        int millis = digits(text, 20, 3);
        if (year < 0
                || month < 0
                || day < 0
                || hour < 0
                || hour > 23
                || minute < 0
                || minute > 59
                || second < 0
                || second > 59
                || millis < 0) {
            return general(text);
        }
        long epochDay;
        try {
            epochDay = LocalDate.of(year, month, day).toEpochDay();
        } catch (DateTimeException e) {
            return general(text); // the general parser says what is wrong
        }
        return Instant.ofEpochSecond(
                epochDay * 86_400 + hour * 3_600L + minute * 60L + second, millis * 1_000_000L);
    }

    /** The decimal number of {@code length} digits at {@code from}, or -1 if one is no digit. */
    private static int digits(String text, int from, int length) {
        int value = 0;
        for (int i = from; i < from + length; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
