package io.rxbreak.controller.agents;

import java.util.List;

import io.rxbreak.core.protocol.PatternSpec;
import io.rxbreak.feed.Feed;
import io.rxbreak.feed.FeedProfile;
import io.rxbreak.feed.FeedRouting;

/**
 * A ramp over a recorded feed ({@code ramp --replay FILE}): the feed, where its messages go, its profile, and the
 * one translation between the search's variable and the sender's. The search runs on the offered mean rate, as
 * every ramp does (so its start, step, precision and confirmation are the same rules): a trial at rate R replays
 * the feed at speed {@code R / meanRate}, and the break point divided by the mean rate is the headroom.
 * <p>
 * A trial plays the feed whole, {@code --loop} times, or as many times as fill {@code --duration} at its speed (at
 * least once); its lead-in is the trial's warm-up.
 *
 * @param file the feed file as given.
 * @param feed the feed.
 * @param routing where its destinations go (null when it names none: the ramp's own groups take it).
 * @param profile its rates, sizes and groups.
 * @param map the {@code --map} entries, handed to a local sender agent.
 * @param loops {@code --loop}, or null to fill {@code --duration}.
 */
public record ReplayPlan(String file, Feed feed, FeedRouting routing, FeedProfile profile, List<String> map, Long loops)
{
    /**
     * @return the feed's mean rate at 1x, messages per second.
     */
    public double meanRate()
    {
        return profile.meanRatePerSecond();
    }

    /**
     * @param speed a speed-up factor.
     * @return the search's rate for it: the mean rate it offers, at least 1 message per second.
     */
    public long rateOf(final double speed)
    {
        return Math.max(1, Math.round(speed * meanRate()));
    }

    /**
     * @param rate a rate of the search.
     * @return the speed-up factor that offers it.
     */
    public double speedOf(final long rate)
    {
        return rate / meanRate();
    }

    /**
     * @param speed a trial's speed-up factor.
     * @param durationNs the trial's measured window as the search asks.
     * @return how many times the trial plays the feed.
     */
    public long loopsFor(final double speed, final long durationNs)
    {
        if (loops != null)
        {
            return loops;
        }
        return Math.max(1, Math.round(durationNs * speed / feed.loopPeriodNs()));
    }

    /**
     * @param speed a speed-up factor.
     * @param loops how many times the feed plays.
     * @return how long that takes, ns.
     */
    public long playNs(final double speed, final long loops)
    {
        return (long)Math.ceil(loops * (double)feed.loopPeriodNs() / speed);
    }

    /**
     * @return whether the feed's load is steady ({@link FeedProfile#steady()}), so that a receiver's latency growing
     *     over a trial says it falls behind, as with a constant rate; a bursty feed's latency rises and falls with
     *     its bursts, and only loss judges it.
     */
    public boolean steadyLoad()
    {
        return profile.steady();
    }

    /**
     * @return the longest datagram the replay sends.
     */
    public int largestDatagram()
    {
        return feed.largestDatagram();
    }

    /**
     * @return the sender's pattern for it.
     */
    public String pattern()
    {
        return PatternSpec.Kind.REPLAY.label() + ":" + file;
    }
}
