package io.rxbreak.sender;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.rxbreak.core.config.BadInputException;
import io.rxbreak.core.net.MulticastGroup;
import io.rxbreak.feed.Feed;
import io.rxbreak.feed.FeedRouting;
import io.rxbreak.sender.schedule.ReplaySchedule;

/**
 * A feed loaded for replay, with where its messages go: read once (when {@code send} or an agent starts, or at the
 * first replay trial of a file), then turned into a schedule per trial at that trial's speed.
 *
 * @param file the file as given.
 * @param feed the feed read from it.
 * @param routing its destinations mapped onto the test groups, or null when it names none (round robin over the
 *     sender's own groups).
 */
record ReplayFeed(String file, Feed feed, FeedRouting routing)
{
    /**
     * @param file the feed file as given.
     * @param map the {@code --map} entries.
     * @param hostOnly whether the sending interface is host-only.
     * @return the feed and its routing.
     * @throws BadInputException naming the file (and the byte or line) or {@code --map}.
     */
    static ReplayFeed load(final String file, final List<String> map, final boolean hostOnly)
    {
        final Feed feed = Feed.read(Path.of(file));
        return new ReplayFeed(file, feed, FeedRouting.resolve(feed, map, hostOnly));
    }

    /**
     * @return the test groups the feed maps onto, as {@code --group} takes them; empty when it names none.
     */
    List<String> groups()
    {
        final List<String> groups = new ArrayList<>();
        if (routing != null)
        {
            for (final MulticastGroup group : routing.groups())
            {
                groups.add(group.toString());
            }
        }
        return groups;
    }

    /**
     * @param speed the speed-up factor.
     * @param loops how many times the feed plays.
     * @param leadInNs the lead-in (the trial's warm-up).
     * @return the trial's schedule.
     */
    ReplaySchedule schedule(final double speed, final long loops, final long leadInNs)
    {
        return new ReplaySchedule(feed, routing, speed, loops, leadInNs);
    }
}
