package io.rxbreak.sender.schedule;

import io.rxbreak.feed.Feed;
import io.rxbreak.feed.FeedRouting;

/**
 * A recorded feed replayed at a speed-up factor ({@code replay:FILE}, and {@code playback:FILE}): every message at
 * its recorded offset divided by the factor, to its own group, with its recorded size (never below the header),
 * the feed played {@code loops} times back to back. A lead-in comes first, as long as the trial's warm-up, at the
 * feed's mean rate times the factor over the feed's first messages (their destinations and sizes): it warms every
 * group's path and is flagged as warm-up, so the feed itself is measured whole, its first burst included.
 * <p>
 * Loops follow each other one mean gap apart ({@link Feed#loopPeriodNs()}), so a constant feed loops without a
 * seam. Offsets are computed, not stored: a feed of a million messages looped costs its arrays once.
 */
public final class ReplaySchedule implements Schedule
{
    private final Feed feed;
    private final int[] groupOfDestination;
    private final int groups;
    private final double speed;
    private final long loops;
    private final long leadInNs;
    private final long leadInCount;
    private final double leadInIntervalNs;
    private final long periodNs;
    private final int messages;
    private final long total;
    private final int maxLength;
    private final boolean variableLength;

    /**
     * @param feed the feed.
     * @param routing where each of the feed's destinations goes (its {@code groupOfDestination}), or null to send
     *     round robin over the sender's own streams (a feed that names no destination).
     * @param speed the speed-up factor, more than 0: 2 plays the feed in half its time.
     * @param loops how many times the feed is played, at least 1 ({@link Long#MAX_VALUE} for as long as the trial
     *     lasts).
     * @param leadInNs the lead-in before the feed (the trial's warm-up), 0 for none.
     */
    public ReplaySchedule(final Feed feed, final FeedRouting routing, final double speed, final long loops,
        final long leadInNs)
    {
        if (!(speed > 0) || Double.isInfinite(speed))
        {
            throw new IllegalArgumentException("speed must be more than 0, not " + speed);
        }
        if (loops < 1 || leadInNs < 0 || feed.size() == 0)
        {
            throw new IllegalArgumentException("loops " + loops + ", lead-in " + leadInNs + " ns, " + feed.size() + " messages");
        }
        this.feed = feed;
        this.groupOfDestination = routing == null ? null : routing.groupOfDestination();
        this.groups = routing == null ? 0 : routing.groups().size();
        this.speed = speed;
        this.messages = feed.size();
        this.loops = Math.min(loops, (Long.MAX_VALUE / 4) / messages);
        this.periodNs = feed.loopPeriodNs();
        this.leadInNs = leadInNs;
        // the lead-in at the feed's mean rate, scaled: messages per period over the period
        this.leadInIntervalNs = periodNs / speed / messages;
        this.leadInCount = leadInNs == 0 ? 0 : (long)Math.ceil(leadInNs / leadInIntervalNs);
        this.total = leadInCount + this.loops * messages;
        int max = 0;
        int first = -1;
        boolean variable = false;
        for (int i = 0; i < messages; i++)
        {
            final int length = Feed.datagramLength(feed.length(i));
            max = Math.max(max, length);
            if (first < 0)
            {
                first = length;
            }
            variable |= length != first;
        }
        this.maxLength = max;
        this.variableLength = variable;
    }

    private int feedIndex(final long index)
    {
        return (int)((index < leadInCount ? index : index - leadInCount) % messages);
    }

    @Override
    public long offsetNs(final long index)
    {
        if (index >= total || index < 0)
        {
            return END;
        }
        if (index < leadInCount)
        {
            return (long)(index * leadInIntervalNs);
        }
        final long k = index - leadInCount;
        final long loop = k / messages;
        final int m = (int)(k - loop * messages);
        return leadInNs + (long)((loop * (double)periodNs + feed.offsetNs(m)) / speed);
    }

    @Override
    public int destinationCount()
    {
        return groups;
    }

    @Override
    public int destination(final long index)
    {
        return groupOfDestination[feed.destination(feedIndex(index))];
    }

    @Override
    public int messageLength(final long index, final int defaultLength)
    {
        return Feed.datagramLength(feed.length(feedIndex(index)));
    }

    @Override
    public boolean variableLength()
    {
        return variableLength;
    }

    @Override
    public int maxMessageLength(final int defaultLength)
    {
        return maxLength;
    }

    @Override
    public long endOffsetNs()
    {
        return loops >= (Long.MAX_VALUE / 4) / messages ? END : leadInNs + (long)Math.ceil(loops * (double)periodNs / speed);
    }

    @Override
    public double targetRatePerSecond()
    {
        return messages * 1e9 * speed / periodNs;
    }

    /**
     * @return the speed-up factor.
     */
    public double speed()
    {
        return speed;
    }

    /**
     * @return how many messages the lead-in has (flagged as warm-up).
     */
    public long leadInMessages()
    {
        return leadInCount;
    }

    @Override
    public String describe()
    {
        return "replay:" + feed.file() + " x" + formatSpeed(speed) + " (" + messages + " messages" +
            (groups > 0 ? " to " + groups + (groups == 1 ? " group" : " groups") : "") +
            (loops == 1 ? "" : loops >= (Long.MAX_VALUE / 4) / messages ? ", looped" : ", " + loops + " loops") + ")";
    }

    /**
     * @param speed a speed-up factor.
     * @return it as typed back: {@code 2}, {@code 2.5}, {@code 0.125}.
     */
    public static String formatSpeed(final double speed)
    {
        return java.math.BigDecimal.valueOf(speed).stripTrailingZeros().toPlainString();
    }
}
