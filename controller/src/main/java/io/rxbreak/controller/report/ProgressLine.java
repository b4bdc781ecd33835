package io.rxbreak.controller.report;

import java.util.Locale;

import io.rxbreak.controller.trial.LayerLoss;
import io.rxbreak.controller.trial.TrialRecord;
import io.rxbreak.controller.trial.Verdict;

/**
 * One line per trial for a terminal, like
 * {@code trial 9  25,635 msgs/s  FAIL  lost 28,175 of 128,175 (21.98%)  socket-buffer 28,175}.
 */
public final class ProgressLine
{
    private ProgressLine()
    {
    }

    /**
     * @param record a judged trial.
     * @return its progress line, without a line break.
     */
    public static String format(final TrialRecord record)
    {
        final StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "trial %d  %s %,d msgs/s  %s  %s",
            record.request().trial(), record.request().phase().name().toLowerCase(Locale.ROOT), record.request().targetRate(), record.judgement().verdict(),
            record.judgement().detail()));
        if (record.judgement().verdict() == Verdict.FAIL)
        {
            line.append("  ").append(lossByLayer(record));
        }
        return line.toString();
    }

    /**
     * @param record a trial.
     * @return its loss by layer, largest first, like {@code socket-buffer 1,234, unexplained 3}; {@code -} when none;
     *     for a trial that fell behind before it lost anything, the layer that was filling and how fast, like
     *     {@code socket-buffer 0 (fell behind 1.56%: filling)}.
     */
    public static String lossByLayer(final TrialRecord record)
    {
        if (record.judgement().attribution().isEmpty())
        {
            return "-";
        }
        if (record.fellBehind() && record.result().backlogGrowth() != null)
        {
            return String.format(Locale.ROOT, "%s 0 (fell behind %.2f%%: filling)", record.judgement().attribution().get(0).layer(),
                record.result().backlogGrowth() * 100.0);
        }
        final StringBuilder text = new StringBuilder();
        for (final LayerLoss loss : record.judgement().attribution())
        {
            if (text.length() > 0)
            {
                text.append(", ");
            }
            text.append(loss.layer()).append(' ').append(String.format(Locale.ROOT, "%,d", loss.drops()));
        }
        if (record.unexplained() < 0)
        {
            text.append(String.format(Locale.ROOT, " (counters saw %,d more than lost)", -record.unexplained()));
        }
        return text.toString();
    }
}
