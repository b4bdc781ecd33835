package io.rxbreak.core.protocol;

/**
 * The receiver agent's answer to {@code POST /throttle}.
 *
 * @param throttle the throttle now, as {@link ThrottleSpec} prints it.
 */
public record ThrottleAnswer(String throttle)
{
}
