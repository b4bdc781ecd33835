package io.rxbreak.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class FeedTimelineTest
{
    @Test
    void countsPerBinFromOffsetZeroToTheLastMessage()
    {
        final Feed feed = Feed.of("t", new long[] {0, 1, 999, 1000, 3500}, new int[5], new int[5],
            List.of(FeedDestination.UNNAMED));

        assertThat(FeedTimeline.messagesPerBin(feed, 1000)).containsExactly(3, 1, 0, 1);
        assertThat(FeedTimeline.messagesPerBin(feed, 10_000)).containsExactly(5);
        assertThatThrownBy(() -> FeedTimeline.messagesPerBin(feed, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
