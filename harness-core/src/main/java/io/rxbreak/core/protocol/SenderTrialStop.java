package io.rxbreak.core.protocol;

/**
 * Stop the sender's running trial ({@code POST /trial/stop}): an empty object, {@code {}}.
 */
public record SenderTrialStop()
{
}
