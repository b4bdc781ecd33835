package io.rxbreak.controller.search;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

import io.rxbreak.controller.trial.TrialRecord;
import io.rxbreak.controller.trial.Verdict;

/**
 * Every trial of a search, by rate: what the search decides from. A rate is <em>bad</em> for a goal when any valid
 * trial at it missed the goal (loss really happened there; a later pass does not undo it), <em>good</em> when it
 * has valid trials and all met the goal, and <em>unreachable</em> when the sender could not offer it.
 */
public final class RateHistory
{
    private final List<TrialRecord> trials = new ArrayList<>();
    private final NavigableMap<Long, List<TrialRecord>> validByRate = new TreeMap<>();
    private final NavigableMap<Long, Long> unreachableHints = new TreeMap<>();

    /**
     * @param record a judged trial, valid or not.
     */
    public void add(final TrialRecord record)
    {
        trials.add(record);
        if (record.isValid())
        {
            validByRate.computeIfAbsent(record.request().targetRate(), rate -> new ArrayList<>()).add(record);
        }
    }

    /**
     * Remember that the sender could not offer a rate.
     *
     * @param rate     the rate it could not offer.
     * @param hintRate a rate it can probably offer (from what it achieved), or 0 for none.
     */
    public void markUnreachable(final long rate, final long hintRate)
    {
        unreachableHints.put(rate, hintRate);
    }

    /**
     * @return every trial in the order run.
     */
    public List<TrialRecord> trials()
    {
        return Collections.unmodifiableList(trials);
    }

    /**
     * @param rate a rate.
     * @return the valid trials at it, in the order run.
     */
    public List<TrialRecord> validAt(final long rate)
    {
        return validByRate.getOrDefault(rate, List.of());
    }

    /**
     * @param rate a rate.
     * @return the total measured time of the valid trials at it.
     */
    public long measuredNsAt(final long rate)
    {
        long total = 0;
        for (final TrialRecord record : validAt(rate))
        {
            total += record.request().durationNs();
        }
        return total;
    }

    /**
     * @param goal a goal.
     * @param rate a rate.
     * @return true when some valid trial at the rate missed the goal.
     */
    public boolean isBad(final LossGoal goal, final long rate)
    {
        for (final TrialRecord record : validAt(rate))
        {
            if (!goal.isMetBy(record))
            {
                return true;
            }
        }
        return false;
    }

    /**
     * @param goal a goal.
     * @return the lowest rate bad for the goal, or null.
     */
    public Long lowestBad(final LossGoal goal)
    {
        for (final Long rate : validByRate.keySet())
        {
            if (isBad(goal, rate))
            {
                return rate;
            }
        }
        return null;
    }

    /**
     * @param goal      a goal.
     * @param belowRate an exclusive bound, or null for none.
     * @return the highest rate below the bound that is good for the goal, or null.
     */
    public Long highestGood(final LossGoal goal, final Long belowRate)
    {
        final NavigableMap<Long, List<TrialRecord>> candidates =
            belowRate == null ? validByRate : validByRate.headMap(belowRate, false);
        for (final Long rate : candidates.descendingKeySet())
        {
            if (!isBad(goal, rate))
            {
                return rate;
            }
        }
        return null;
    }

    /**
     * @return the lowest rate the sender could not offer, or null.
     */
    public Long lowestUnreachable()
    {
        return unreachableHints.isEmpty() ? null : unreachableHints.firstKey();
    }

    /**
     * @param rate an unreachable rate.
     * @return the rate the sender can probably offer instead, or 0.
     */
    public long hintFor(final long rate)
    {
        return unreachableHints.getOrDefault(rate, 0L);
    }

    /**
     * @param rate a rate.
     * @return true when a trial at it was run (valid or not).
     */
    public boolean wasTried(final long rate)
    {
        for (final TrialRecord record : trials)
        {
            if (record.request().targetRate() == rate)
            {
                return true;
            }
        }
        return false;
    }

    /**
     * @return the lowest rate with a failed trial, or null.
     */
    public Long lowestFailRate()
    {
        for (final Map.Entry<Long, List<TrialRecord>> entry : validByRate.entrySet())
        {
            for (final TrialRecord record : entry.getValue())
            {
                if (record.judgement().verdict() == Verdict.FAIL)
                {
                    return entry.getKey();
                }
            }
        }
        return null;
    }

    /**
     * @return the rate of the first trial that failed, in the order run, or null.
     */
    public Long firstFailRate()
    {
        for (final TrialRecord record : trials)
        {
            if (record.judgement().verdict() == Verdict.FAIL)
            {
                return record.request().targetRate();
            }
        }
        return null;
    }

    /**
     * @return the rates tried, ascending, with what happened at each.
     */
    public List<RateSummary> summaries()
    {
        final NavigableMap<Long, int[]> counts = new TreeMap<>();
        final NavigableMap<Long, Long> measured = new TreeMap<>();
        for (final TrialRecord record : trials)
        {
            final int[] tally = counts.computeIfAbsent(record.request().targetRate(), rate -> new int[3]);
            tally[record.judgement().verdict().ordinal()]++;
            if (record.isValid())
            {
                measured.merge(record.request().targetRate(), record.request().durationNs(), Long::sum);
            }
        }
        final List<RateSummary> summaries = new ArrayList<>();
        counts.forEach((rate, tally) -> summaries.add(new RateSummary(rate,
            tally[Verdict.PASS.ordinal()], tally[Verdict.FAIL.ordinal()], tally[Verdict.INVALID.ordinal()],
            measured.getOrDefault(rate, 0L), unreachableHints.containsKey(rate))));
        return summaries;
    }
}
