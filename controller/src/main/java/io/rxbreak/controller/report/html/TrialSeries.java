package io.rxbreak.controller.report.html;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

import io.rxbreak.controller.trial.TrialRecord;

/**
 * Per-trial series for the charts: one value per trial (NaN where it was not measured) and its hover text.
 */
final class TrialSeries
{
    private TrialSeries()
    {
    }

    static double[] values(final List<TrialRecord> trials, final ToDoubleFunction<TrialRecord> value)
    {
        final double[] values = new double[trials.size()];
        for (int i = 0; i < values.length; i++)
        {
            values[i] = value.applyAsDouble(trials.get(i));
        }
        return values;
    }

    static String[] titles(final List<TrialRecord> trials, final Function<TrialRecord, String> text)
    {
        final String[] titles = new String[trials.size()];
        for (int i = 0; i < titles.length; i++)
        {
            final TrialRecord record = trials.get(i);
            titles[i] = String.format(Locale.ROOT, "trial %d (%s, %s): %s", record.request().trial(),
                record.request().phase().name().toLowerCase(Locale.ROOT), record.judgement().verdict(), text.apply(record));
        }
        return titles;
    }

    /**
     * The rate that arrived: the sender's achieved rate times the share of what it sent that arrived. (Dividing the
     * received count by the measured window alone would overstate it: a trial's counts include its warm-up.)
     */
    static double receivedRate(final TrialRecord record)
    {
        return record.result().sent() > 0 ? record.result().achievedRate() * record.result().received() / record.result().sent() : Double.NaN;
    }

    static double orNaN(final Long value)
    {
        return value == null ? Double.NaN : value;
    }

    static String count(final double value)
    {
        return Double.isNaN(value) ? "not measured" : String.format(Locale.ROOT, "%,.0f", value);
    }
}
