package io.rxbreak.feed.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.rxbreak.feed.Feed;
import io.rxbreak.feed.FeedProfile;
import io.rxbreak.feed.FeedProfile.Share;
import io.rxbreak.feed.FeedProfile.Sizes;
import io.rxbreak.feed.FeedProfile.WindowPeak;

/**
 * A feed's profile for people: a line each for the totals, the peak rates, the busiest second and millisecond, the
 * destinations, the ports, the sizes and the skipped packets, with thousands separators.
 */
final class ProfileText
{
    /** Destinations and ports listed by name; the rest are counted. */
    static final int TOP = 10;

    private static final long NS_PER_SECOND = 1_000_000_000L;

    private ProfileText()
    {
    }

    static void print(final PrintWriter out, final Feed feed, final FeedProfile profile)
    {
        out.println("feed " + profile.file() + " (" + profile.format() + ", " + feed.formatDetail() + "): " +
            count(profile.messages()) + (profile.messages() == 1 ? " message, " : " messages, ") +
            bytes(profile.bytes()) + " over " + seconds(profile.durationNs()) + "; mean " +
            rate(profile.meanRatePerSecond()) + " msgs/s");
        out.println(peaks(profile));
        out.println("busiest second starts at " + seconds(profile.peak(NS_PER_SECOND).atNs()) +
            ", busiest millisecond at " + seconds(profile.peak(1_000_000L).atNs()));
        out.println("destinations: " + shares(profile.destinations()));
        out.println("ports: " + shares(profile.ports()));
        final Sizes sizes = profile.sizes();
        out.println("sizes: min " + count(sizes.min()) + " B, p50 " + count(sizes.p50()) + " B, p99 " +
            count(sizes.p99()) + " B, max " + count(sizes.max()) + " B, mean " +
            String.format(Locale.ROOT, "%,.1f", sizes.mean()) + " B");
        out.println("skipped: " + skipped(profile.skipped()));
    }

    private static String peaks(final FeedProfile profile)
    {
        final StringBuilder line = new StringBuilder("peak rates:");
        boolean longer = false;
        for (final WindowPeak peak : profile.peaks())
        {
            final boolean longerThanFeed = peak.windowNs() > profile.durationNs();
            longer |= longerThanFeed;
            line.append(' ').append(peak.window()).append(' ').append(rate(peak.ratePerSecond())).append("/s")
                .append(longerThanFeed ? "* " : " ");
        }
        if (longer)
        {
            line.append("(* longer than the feed: all of its messages over the whole window)");
        }
        return line.toString().stripTrailing();
    }

    private static String shares(final List<Share> shares)
    {
        final StringBuilder line = new StringBuilder();
        for (int i = 0; i < Math.min(TOP, shares.size()); i++)
        {
            final Share share = shares.get(i);
            line.append(i == 0 ? "" : ", ").append(share.name()).append(' ').append(percent(share.messageShare()))
                .append(" (").append(count(share.messages())).append(share.messages() == 1 ? " msg)" : " msgs)");
        }
        if (shares.size() > TOP)
        {
            line.append(", and ").append(shares.size() - TOP).append(" more");
        }
        return line.toString();
    }

    private static String skipped(final Map<String, Long> skipped)
    {
        if (skipped.isEmpty())
        {
            return "none";
        }
        final StringBuilder line = new StringBuilder();
        skipped.forEach((reason, packets) ->
            line.append(line.length() == 0 ? "" : ", ").append(count(packets)).append(' ').append(reason));
        return line.toString();
    }

    static String count(final long value)
    {
        return String.format(Locale.ROOT, "%,d", value);
    }

    static String rate(final double perSecond)
    {
        return perSecond >= 100 || perSecond == 0
            ? String.format(Locale.ROOT, "%,.0f", perSecond)
            : String.format(Locale.ROOT, "%,.1f", perSecond);
    }

    static String seconds(final long ns)
    {
        return String.format(Locale.ROOT, "%,.3f s", ns / 1e9);
    }

    static String percent(final double share)
    {
        if (share >= 1)
        {
            return "100 %";
        }
        if (share > 0 && share < 0.0005)
        {
            return "<0.1 %";
        }
        return String.format(Locale.ROOT, "%.1f %%", share * 100);
    }

    /**
     * @param bytes a size.
     * @return it in decimal units with three significant figures or so: {@code 512 B}, {@code 61.4 MB}.
     */
    static String bytes(final long bytes)
    {
        if (bytes < 1_000)
        {
            return bytes + " B";
        }
        final String[] units = {"kB", "MB", "GB", "TB"};
        double value = bytes / 1_000.0;
        int unit = 0;
        while (value >= 1_000 && unit < units.length - 1)
        {
            value /= 1_000;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
