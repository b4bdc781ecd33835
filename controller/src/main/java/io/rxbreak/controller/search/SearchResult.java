package io.rxbreak.controller.search;

import java.util.List;

import io.rxbreak.controller.trial.TrialRecord;

/**
 * The outcome of a search, complete or not.
 *
 * @param stop                       why the search stopped.
 * @param stopDetail                 the stop in words, one line.
 * @param ndr                        the no-drop goal.
 * @param pdr                        the partial-drop goal, or null when not searched.
 * @param firstFailRate              the rate of the run's first failed trial, or null.
 * @param lowestFailRate             the lowest rate that failed in any trial, or null: no reported rate is at or
 *                                   above it.
 * @param senderLimitRate            the lowest rate the sender could not offer, or null.
 * @param breakPointAboveSenderLimit the highest rate the sender offered that passed (confirmed), when even it
 *                                   passed: the break point lies above what this sender can offer; else null.
 * @param rates                      what happened at every rate tried, ascending.
 * @param trials                     every trial in the order run.
 */
public record SearchResult(
    SearchStop stop,
    String stopDetail,
    GoalResult ndr,
    GoalResult pdr,
    Long firstFailRate,
    Long lowestFailRate,
    Long senderLimitRate,
    Long breakPointAboveSenderLimit,
    List<RateSummary> rates,
    List<TrialRecord> trials)
{
    /**
     * Copies the lists.
     */
    public SearchResult
    {
        rates = List.copyOf(rates);
        trials = List.copyOf(trials);
    }

    /**
     * @return true when at least one trial was valid.
     */
    public boolean hasValidTrial()
    {
        for (final TrialRecord record : trials)
        {
            if (record.isValid())
            {
                return true;
            }
        }
        return false;
    }
}
