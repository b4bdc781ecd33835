package io.rxbreak.core.protocol;

import java.util.List;

/**
 * The sender agent's answer to {@code POST /trial/start}: the trial started.
 *
 * @param started the trial's id.
 * @param notes warnings about the trial's set-up.
 */
public record SenderStartAnswer(int started, List<String> notes)
{
}
