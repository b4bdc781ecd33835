package io.rxbreak.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * {@link Feed#of} and its rules, and how a {@link FeedDestination} is written.
 */
class FeedTest
{
    private static final List<FeedDestination> ONE = List.of(FeedDestination.UNNAMED);

    @Test
    void aGeneratedFeedCopiesItsArraysAndAddsUp()
    {
        final long[] offsets = {0, 10, 10, 25};
        final int[] lengths = {100, 200, 0, 50};
        final Feed feed = Feed.of("made", offsets, new int[4], lengths, ONE);
        offsets[3] = 99;
        lengths[0] = 1;

        assertThat(feed.file()).isEqualTo("made");
        assertThat(feed.format()).isEqualTo(Feed.Format.GENERATED);
        assertThat(feed.size()).isEqualTo(4);
        assertThat(feed.durationNs()).isEqualTo(25);
        assertThat(feed.totalBytes()).isEqualTo(350);
        assertThat(feed.length(0)).isEqualTo(100);
        assertThat(feed.skipped()).isEmpty();
    }

    @Test
    void aGeneratedFeedIsValidated()
    {
        assertThatThrownBy(() -> Feed.of("f", new long[0], new int[0], new int[0], ONE))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one message");
        assertThatThrownBy(() -> Feed.of("f", new long[] {5}, new int[1], new int[1], ONE))
            .hasMessage("the first message's offset must be 0, not 5");
        assertThatThrownBy(() -> Feed.of("f", new long[] {0, 10, 9}, new int[3], new int[3], ONE))
            .hasMessage("message 2's offset 9 ns is before the previous one's 10 ns");
        assertThatThrownBy(() -> Feed.of("f", new long[] {0, 1}, new int[] {0, 1}, new int[2], ONE))
            .hasMessage("message 1's destination 1 is not an index into the 1 destinations");
        assertThatThrownBy(() -> Feed.of("f", new long[] {0}, new int[1], new int[] {65_536}, ONE))
            .hasMessage("message 0's length 65536 is not 0-65535");
        assertThatThrownBy(() -> Feed.of("f", new long[] {0}, new int[1], new int[2], ONE))
            .hasMessageContaining("1 offsets, 1 destinations, 2 lengths");
    }

    @Test
    void destinationsAreWrittenLikeTheSendersGroups() throws Exception
    {
        assertThat(new FeedDestination(InetAddress.getByName("239.1.1.1"), 5000)).hasToString("239.1.1.1:5000");
        assertThat(new FeedDestination(InetAddress.getByName("ff15::1"), 5000)).hasToString("[ff15::1]:5000");
        // the longest run of zeros is shortened, the first of equal runs
        assertThat(new FeedDestination(InetAddress.getByName("ff15:0:0:1:0:0:0:1"), 1))
            .hasToString("[ff15:0:0:1::1]:1");
        assertThat(new FeedDestination(InetAddress.getByName("1:0:0:2:0:0:3:4"), 1))
            .hasToString("[1::2:0:0:3:4]:1");
        assertThat(new FeedDestination(InetAddress.getByName("2001:db8:0:0:1:0:0:1"), 1))
            .hasToString("[2001:db8::1:0:0:1]:1");
        assertThat(new FeedDestination(InetAddress.getByName("::"), 7)).hasToString("[::]:7");
        assertThat(new FeedDestination(InetAddress.getByName("1:2:3:4:5:6:7:0"), 7)).hasToString("[1:2:3:4:5:6:7:0]:7");
        assertThat(FeedDestination.UNNAMED).hasToString("unnamed");

        assertThat(new FeedDestination(InetAddress.getByName("239.1.1.1"), 5000).multicast()).isTrue();
        assertThat(new FeedDestination(InetAddress.getByName("198.18.0.2"), 5000).multicast()).isFalse();
        assertThat(FeedDestination.UNNAMED.multicast()).isFalse();
        assertThat(FeedDestination.UNNAMED.named()).isFalse();
        assertThatThrownBy(() -> new FeedDestination(null, 5000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FeedDestination(InetAddress.getByName("239.1.1.1"), 65_536))
            .isInstanceOf(IllegalArgumentException.class);
    }
}
