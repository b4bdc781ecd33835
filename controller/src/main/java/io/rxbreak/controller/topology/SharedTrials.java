package io.rxbreak.controller.topology;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.rxbreak.controller.search.TrialRunner;
import io.rxbreak.controller.trial.TrialPhase;
import io.rxbreak.controller.trial.TrialRequest;

/**
 * The trials of a topology ramp, shared by the receivers' searches. Each receiver has a search of its own (its own
 * break point, confirmation and retries), and every trial measures every receiver: so a search that asks for a trial
 * another search already ran (the same phase, goal, attempt, rate and durations; the n-th such request of a search
 * takes the n-th such trial) reads that trial's measurement of its receiver instead of running it again. The ramp
 * up, where all searches ask the same, runs once; a trial runs anew only where the searches part.
 */
public final class SharedTrials
{
    private final Trials trials;
    private final Map<Key, List<TopologyTrial>> done = new HashMap<>();
    private final List<TopologyTrial> all = new ArrayList<>();

    /**
     * What runs a new trial over every agent.
     */
    @FunctionalInterface
    public interface Trials
    {
        /**
         * @param rate the whole rate.
         * @param warmUpNs the warm-up.
         * @param durationNs the window.
         * @param drainBoundNs the longest wait for the tail.
         * @return the trial.
         * @throws InterruptedException when interrupted.
         */
        TopologyTrial run(long rate, long warmUpNs, long durationNs, long drainBoundNs) throws InterruptedException;
    }

    private record Key(TrialPhase phase, String goal, int attempt, long rate, long warmUpNs, long durationNs,
        long drainBoundNs)
    {
        static Key of(final TrialRequest request)
        {
            return new Key(request.phase(), request.goal(), request.attempt(), request.targetRate(), request.warmUpNs(),
                request.durationNs(), request.drainBoundNs());
        }
    }

    /**
     * @param trials what runs a trial over every agent.
     */
    public SharedTrials(final Trials trials)
    {
        this.trials = trials;
    }

    /**
     * @param receiver the receiver's index in the topology's receivers.
     * @return a trial runner for that receiver's search.
     */
    public TrialRunner runnerFor(final int receiver)
    {
        final Map<Key, Integer> asked = new HashMap<>();
        return request ->
        {
            final Key key = Key.of(request);
            final int nth = asked.merge(key, 1, Integer::sum) - 1;
            final List<TopologyTrial> same = done.computeIfAbsent(key, k -> new ArrayList<>());
            while (same.size() <= nth)
            {
                final TopologyTrial trial = trials.run(request.targetRate(), request.warmUpNs(), request.durationNs(),
                    request.drainBoundNs());
                same.add(trial);
                all.add(trial);
            }
            return same.get(nth).received().get(receiver);
        };
    }

    /**
     * @return every trial run so far, in the order run.
     */
    public List<TopologyTrial> trials()
    {
        return List.copyOf(all);
    }
}
