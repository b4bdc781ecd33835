package io.rxbreak.sender.schedule;

import java.util.List;

import io.rxbreak.core.config.Units;

/**
 * Stepped rates ({@code steps:RATE@DURATION,...}): each step a constant rate for its duration, starting at the
 * step's start; the schedule ends after the last step.
 */
public final class StepsSchedule implements Schedule
{
    /**
     * One step.
     *
     * @param ratePerSecond messages per second during the step.
     * @param durationNs how long the step lasts.
     */
    public record Step(long ratePerSecond, long durationNs)
    {
    }

    private final Step[] steps;
    private final long[] firstIndex;
    private final long[] startNs;
    private final long totalMessages;
    private final long totalNs;

    /**
     * @param steps the steps in order, at least one, each with a rate of at least 1 and a duration over 0.
     */
    public StepsSchedule(final List<Step> steps)
    {
        if (steps.isEmpty())
        {
            throw new IllegalArgumentException("steps needs at least one RATE@DURATION");
        }
        this.steps = steps.toArray(new Step[0]);
        this.firstIndex = new long[this.steps.length + 1];
        this.startNs = new long[this.steps.length + 1];
        for (int k = 0; k < this.steps.length; k++)
        {
            final Step step = this.steps[k];
            if (step.durationNs() <= 0)
            {
                throw new IllegalArgumentException("a step's duration must be over 0");
            }
            final long count = new ConstantSchedule(step.ratePerSecond()).countBefore(step.durationNs());
            firstIndex[k + 1] = firstIndex[k] + count;
            startNs[k + 1] = startNs[k] + step.durationNs();
        }
        this.totalMessages = firstIndex[this.steps.length];
        this.totalNs = startNs[this.steps.length];
    }

    @Override
    public long offsetNs(final long index)
    {
        if (index >= totalMessages)
        {
            return END;
        }
        int k = 0;
        while (index >= firstIndex[k + 1])
        {
            k++;
        }
        return startNs[k] + ConstantSchedule.offsetNs(index - firstIndex[k], steps[k].ratePerSecond());
    }

    public long totalMessages()
    {
        return totalMessages;
    }

    public long totalNs()
    {
        return totalNs;
    }

    @Override
    public long endOffsetNs()
    {
        return totalNs;
    }

    @Override
    public double targetRatePerSecond()
    {
        return totalMessages * 1e9 / totalNs;
    }

    @Override
    public String describe()
    {
        final StringBuilder text = new StringBuilder("steps:");
        for (int k = 0; k < steps.length; k++)
        {
            text.append(k == 0 ? "" : ",").append(steps[k].ratePerSecond()).append('@')
                .append(Units.formatDuration(steps[k].durationNs()));
        }
        return text.toString();
    }
}
