package io.rxbreak.core.protocol;

/**
 * The receiver agent's answer to {@code POST /trial/begin}.
 *
 * @param begun the trial that started.
 * @param buffer what the smallest receive buffer holds in datagrams of the trial's size, or null when not told the
 *     size or when it cannot be measured.
 */
public record ReceiverBeginAnswer(int begun, ReceiveBuffer buffer)
{
}
