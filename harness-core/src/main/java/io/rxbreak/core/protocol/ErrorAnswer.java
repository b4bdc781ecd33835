package io.rxbreak.core.protocol;

/**
 * An agent's answer to a request it refuses or could not serve (4xx, 5xx).
 *
 * @param error why, in words.
 * @param status the HTTP status, repeated.
 */
public record ErrorAnswer(String error, int status)
{
}
