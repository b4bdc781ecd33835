package io.rxbreak.core.protocol;

/**
 * Change the receiver's throttle while it runs ({@code POST /throttle}).
 *
 * @param throttle the new throttle, as {@code --throttle} takes it ({@link ThrottleSpec}).
 */
public record ThrottleChange(String throttle)
{
}
