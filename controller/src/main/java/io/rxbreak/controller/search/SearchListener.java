package io.rxbreak.controller.search;

import io.rxbreak.controller.trial.TrialRecord;

/**
 * Told of every trial as soon as it is judged: the run folder appends it to {@code trials.jsonl}, a terminal
 * prints its progress line.
 */
@FunctionalInterface
public interface SearchListener
{
    /** A listener that does nothing. */
    SearchListener NONE = record -> { };

    /**
     * @param record the judged trial, valid or not.
     */
    void onTrial(TrialRecord record);

    /**
     * @param next the listener to tell after this one.
     * @return a listener that tells this one, then {@code next}.
     */
    default SearchListener andThen(final SearchListener next)
    {
        return record ->
        {
            onTrial(record);
            next.onTrial(record);
        };
    }
}
