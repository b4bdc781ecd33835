package io.rxbreak.sender.schedule;

import java.net.InetAddress;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.rxbreak.core.net.MulticastGroup;
import io.rxbreak.core.wire.MessageHeader;
import io.rxbreak.feed.Feed;
import io.rxbreak.feed.FeedDestination;
import io.rxbreak.feed.FeedRouting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReplayScheduleTest
{
    private static final long MS = 1_000_000L;

    private static FeedDestination destination(final String address, final int port) throws Exception
    {
        return new FeedDestination(InetAddress.getByName(address), port);
    }

    /** Four messages to two groups: 0 ms, 1 ms (both to A), 1 ms, 3 ms (B), sizes 10, 100, 2000, 100000-ish. */
    private static Feed feed() throws Exception
    {
        return Feed.of("four", new long[] {0, MS, MS, 3 * MS}, new int[] {0, 0, 1, 1},
            new int[] {10, 100, 2000, 65_535}, List.of(destination("233.1.1.1", 5000), destination("233.1.1.2", 6000)));
    }

    @Test
    void everyMessageAtItsOffsetDividedByTheSpeedToItsOwnGroup() throws Exception
    {
        final Feed feed = feed();
        final FeedRouting routing = FeedRouting.resolve(feed, List.of("233.1.1.2=239.9.9.9"), true);
        assertThat(routing.groups()).containsExactly(MulticastGroup.parse("g", "233.1.1.1:5000", false),
            MulticastGroup.parse("g", "239.9.9.9:6000", false));
        final ReplaySchedule schedule = new ReplaySchedule(feed, routing, 2.0, 1, 0);
        assertThat(List.of(schedule.offsetNs(0), schedule.offsetNs(1), schedule.offsetNs(2), schedule.offsetNs(3)))
            .containsExactly(0L, MS / 2, MS / 2, 3 * MS / 2);
        assertThat(schedule.offsetNs(4)).isEqualTo(Schedule.END);
        assertThat(List.of(schedule.destination(0), schedule.destination(1), schedule.destination(2),
            schedule.destination(3))).containsExactly(0, 0, 1, 1);
        assertThat(schedule.destinationCount()).isEqualTo(2);
        // as recorded, but never below the header nor above the largest datagram
        assertThat(schedule.messageLength(0, 64)).isEqualTo(MessageHeader.LENGTH);
        assertThat(schedule.messageLength(1, 64)).isEqualTo(100);
        assertThat(schedule.messageLength(3, 64)).isEqualTo(MessageHeader.MAX_MESSAGE_LENGTH);
        assertThat(schedule.variableLength()).isTrue();
        assertThat(schedule.maxMessageLength(64)).isEqualTo(MessageHeader.MAX_MESSAGE_LENGTH);
        // 4 messages a play of 3 ms + one mean gap (1 ms), twice as fast: 2,000 msgs/s
        assertThat(schedule.targetRatePerSecond()).isEqualTo(2_000.0);
        assertThat(schedule.endOffsetNs()).isEqualTo(2 * MS);
        assertThat(schedule.countBefore(MS)).isEqualTo(3);
    }

    @Test
    void loopsFollowOneMeanGapApartAndTheLeadInWarmsEveryGroupFirst() throws Exception
    {
        final Feed feed = feed();
        final FeedRouting routing = FeedRouting.resolve(feed, List.of(), true);
        // a lead-in of 2 ms at the mean rate (1 message a ms at 1x), then the feed twice
        final ReplaySchedule schedule = new ReplaySchedule(feed, routing, 1.0, 2, 2 * MS);
        assertThat(schedule.leadInMessages()).isEqualTo(2);
        assertThat(List.of(schedule.offsetNs(0), schedule.offsetNs(1))).containsExactly(0L, MS);
        assertThat(List.of(schedule.offsetNs(2), schedule.offsetNs(5), schedule.offsetNs(6), schedule.offsetNs(9)))
            .containsExactly(2 * MS, 5 * MS, 6 * MS, 9 * MS);
        assertThat(schedule.offsetNs(10)).isEqualTo(Schedule.END);
        assertThat(schedule.endOffsetNs()).isEqualTo(10 * MS);
        // the lead-in goes through the feed's first messages (their groups and sizes), the loop starts over
        assertThat(List.of(schedule.destination(0), schedule.destination(1), schedule.destination(2),
            schedule.destination(6), schedule.destination(8))).containsExactly(0, 0, 0, 0, 1);
    }

    @Test
    void aFeedThatNamesNoGroupGoesRoundRobinAndForeverWhenLoopedForADuration() throws Exception
    {
        final Feed feed = Feed.of("unnamed", new long[] {0, 500_000}, new int[] {0, 0}, new int[] {64, 64},
            List.of(FeedDestination.UNNAMED));
        assertThat(FeedRouting.resolve(feed, List.of(), true)).isNull();
        final ReplaySchedule schedule = new ReplaySchedule(feed, null, 1.0, Long.MAX_VALUE, 0);
        assertThat(schedule.destinationCount()).isZero();
        assertThat(schedule.variableLength()).isFalse();
        assertThat(schedule.endOffsetNs()).isEqualTo(Schedule.END);
        assertThat(schedule.offsetNs(2_000_001)).isEqualTo(1_000_000_500_000L);
    }

    /**
     * A lead-in of 2.5 ms at the mean rate (1 ms apart) takes 3 messages at 0, 1 and 2 ms; the feed starts at 2.5 ms
     * with its first message, and the lead-in's messages are the feed's first ones.
     */
    @Test
    void aLeadInThatIsNotAWholeNumberOfGapsEndsWhereTheFeedStarts() throws Exception
    {
        final Feed feed = feed();
        final ReplaySchedule schedule = new ReplaySchedule(feed, FeedRouting.resolve(feed, List.of(), true), 1.0, 1,
            5 * MS / 2);
        assertThat(schedule.leadInMessages()).isEqualTo(3);
        assertThat(List.of(schedule.offsetNs(2), schedule.offsetNs(3), schedule.offsetNs(4), schedule.offsetNs(6)))
            .containsExactly(2 * MS, 5 * MS / 2, 7 * MS / 2, 11 * MS / 2);
        assertThat(List.of(schedule.messageLength(2, 64), schedule.messageLength(3, 64), schedule.messageLength(5, 64)))
            .containsExactly(2000, MessageHeader.LENGTH, 2000);
        assertThat(List.of(schedule.destination(3), schedule.destination(5), schedule.destination(6)))
            .containsExactly(0, 1, 1);
        assertThat(schedule.endOffsetNs()).isEqualTo(5 * MS / 2 + 4 * MS);
        assertThat(schedule.offsetNs(7)).isEqualTo(Schedule.END);
        assertThat(schedule.offsetNs(-1)).isEqualTo(Schedule.END);
        final ReplaySchedule twice = new ReplaySchedule(feed, FeedRouting.resolve(feed, List.of(), true), 2.0, 1,
            5 * MS / 2);
        assertThat(twice.leadInMessages()).as("0.5 ms apart at 2x").isEqualTo(5);
        assertThat(twice.offsetNs(4)).isEqualTo(2 * MS);
    }

    @Test
    void aLoopedFeedGoesOnForeverAndSaysSo() throws Exception
    {
        final Feed feed = feed();
        final ReplaySchedule schedule = new ReplaySchedule(feed, FeedRouting.resolve(feed, List.of(), true), 1.0,
            Long.MAX_VALUE, 0);
        assertThat(schedule.endOffsetNs()).isEqualTo(Schedule.END);
        assertThat(schedule.offsetNs(4L * 1_000_000 + 3)).isEqualTo(4L * 1_000_000 * MS + 3 * MS);
        assertThat(schedule.describe()).isEqualTo("replay:four x1 (4 messages to 2 groups, looped)");
        assertThat(new ReplaySchedule(feed, null, 1e6, Long.MAX_VALUE, 0).endOffsetNs()).as("at any speed")
            .isEqualTo(Schedule.END);
    }

    @Test
    void describesItselfAsTyped() throws Exception
    {
        final Feed feed = feed();
        final FeedRouting routing = FeedRouting.resolve(feed, List.of(), true);
        assertThat(new ReplaySchedule(feed, routing, 2.5, 1, 0).describe()).isEqualTo("replay:four x2.5 (4 messages to 2 groups)");
        assertThat(new ReplaySchedule(feed, routing, 0.125, 3, 0).describe())
            .isEqualTo("replay:four x0.125 (4 messages to 2 groups, 3 loops)");
        final Feed one = Feed.of("one", new long[] {0, MS}, new int[] {0, 0}, new int[] {64, 64},
            List.of(destination("233.1.1.1", 5000)));
        assertThat(new ReplaySchedule(one, FeedRouting.resolve(one, List.of(), true), 1, 1, 0).describe())
            .isEqualTo("replay:one x1 (2 messages to 1 group)");
        final Feed unnamed = Feed.of("unnamed", new long[] {0, MS}, new int[] {0, 0}, new int[] {64, 64},
            List.of(FeedDestination.UNNAMED));
        assertThat(new ReplaySchedule(unnamed, null, 1, 2, 0).describe()).isEqualTo("replay:unnamed x1 (2 messages, 2 loops)");
        assertThat(ReplaySchedule.formatSpeed(2.0)).isEqualTo("2");
    }

    @Test
    void rejectsASpeedThatIsNotAPositiveFiniteNumber() throws Exception
    {
        final Feed feed = feed();
        for (final double speed : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY})
        {
            assertThatThrownBy(() -> new ReplaySchedule(feed, null, speed, 1, 0)).as("speed %s", speed)
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("speed must be more than 0");
        }
        assertThat(new ReplaySchedule(feed, null, Double.MIN_VALUE, 1, 0).targetRatePerSecond()).isPositive();
        assertThatThrownBy(() -> new ReplaySchedule(feed, null, 1, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ReplaySchedule(feed, null, 1, 1, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
