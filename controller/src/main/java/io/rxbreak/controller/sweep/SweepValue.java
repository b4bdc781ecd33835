package io.rxbreak.controller.sweep;

/**
 * One value of a sweep's knob.
 *
 * @param text the value as typed, like {@code 4MiB} or {@code stall:5ms/100ms}.
 * @param numeric its number (bytes for a size, nanoseconds for a duration), or null when it is not one.
 */
public record SweepValue(String text, Double numeric)
{
}
