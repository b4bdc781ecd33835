package io.rxbreak.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.rxbreak.core.control.Json;
import io.rxbreak.feed.FeedProfile.Share;
import io.rxbreak.feed.FeedProfile.Sizes;
import io.rxbreak.feed.FeedProfile.WindowPeak;
import org.junit.jupiter.api.Test;

/**
 * Profiles of feeds made in memory, so that every figure is known exactly: the mean, each window's peak and where
 * it starts, shares, sizes, and the JSON.
 */
class FeedProfileTest
{
    private static final List<FeedDestination> UNNAMED = List.of(FeedDestination.UNNAMED);

    private static Feed constant(final int messages, final long gapNs)
    {
        final long[] offsets = new long[messages];
        final int[] lengths = new int[messages];
        for (int i = 0; i < messages; i++)
        {
            offsets[i] = i * gapNs;
            lengths[i] = 64;
        }
        return Feed.of("constant", offsets, new int[messages], lengths, UNNAMED);
    }

    @Test
    void aConstantFeedPeaksAtItsOwnRateInEveryWindow()
    {
        // 10,000 msgs/s for exactly 1 s: 10,001 messages, 100 us apart
        final FeedProfile profile = FeedProfile.of(constant(10_001, 100_000));

        assertThat(profile.messages()).isEqualTo(10_001);
        assertThat(profile.durationNs()).isEqualTo(1_000_000_000L);
        assertThat(profile.meanRatePerSecond()).isEqualTo(10_000.0);
        assertThat(profile.peaks()).containsExactly(
            new WindowPeak("100us", 100_000, 1, 10_000.0, 0),
            new WindowPeak("1ms", 1_000_000, 10, 10_000.0, 0),
            new WindowPeak("10ms", 10_000_000, 100, 10_000.0, 0),
            new WindowPeak("100ms", 100_000_000, 1_000, 10_000.0, 0),
            // [0, 1 s) leaves out the message at exactly 1 s
            new WindowPeak("1s", 1_000_000_000, 10_000, 10_000.0, 0));
        assertThat(profile.bytes()).isEqualTo(10_001L * 64);
        assertThat(profile.sizes()).isEqualTo(new Sizes(64, 64, 64, 64, 64.0));
        assertThat(profile.steady()).as("its busiest 100 ms at its mean rate").isTrue();
    }

    @Test
    void aMicroburstPeaksFarAboveTheMeanWhereItStarts()
    {
        // 1,000 msgs/s for 1 s, and 50 more within 49 us at 500.2 ms
        final long[] offsets = new long[1001 + 50];
        for (int i = 0; i <= 1000; i++)
        {
            offsets[i] = i * 1_000_000L;
        }
        for (int k = 0; k < 50; k++)
        {
            offsets[1001 + k] = 500_200_000L + k * 1_000L;
        }
        Arrays.sort(offsets);
        final int[] lengths = new int[offsets.length];
        Arrays.fill(lengths, 100);
        final FeedProfile profile = FeedProfile.of(Feed.of("burst", offsets, new int[offsets.length], lengths,
            UNNAMED));

        assertThat(profile.meanRatePerSecond()).isEqualTo(1_050.0);
        assertThat(profile.peak(100_000)).isEqualTo(new WindowPeak("100us", 100_000, 50, 500_000.0, 500_200_000L));
        // [500 ms, 501 ms) and [500.2 ms, 501.2 ms) both hold 51: the earliest is reported
        assertThat(profile.peak(1_000_000)).isEqualTo(new WindowPeak("1ms", 1_000_000, 51, 51_000.0, 500_000_000L));
        assertThat(profile.peak(10_000_000).messages()).isEqualTo(60);
        assertThat(profile.peak(1_000_000_000).messages()).isEqualTo(1_050);
        assertThat(profile.peak(100_000).ratePerSecond()).isGreaterThan(400 * profile.meanRatePerSecond());
        // its busiest 100 ms holds 150 messages: 1,500 msgs/s, 43 % above the mean
        assertThat(profile.steady()).isFalse();
        assertThatThrownBy(() -> profile.peak(2_000_000)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void windowsLongerThanTheFeedCountAllOfItOverTheWholeWindow()
    {
        // 51 messages over 50 ms
        final FeedProfile profile = FeedProfile.of(constant(51, 1_000_000));

        assertThat(profile.meanRatePerSecond()).isEqualTo(1_000.0);
        assertThat(profile.peak(100_000_000)).isEqualTo(new WindowPeak("100ms", 100_000_000, 51, 510.0, 0));
        assertThat(profile.peak(1_000_000_000)).isEqualTo(new WindowPeak("1s", 1_000_000_000, 51, 51.0, 0));
    }

    @Test
    void aSingleMessageHasNoMeanRate()
    {
        final FeedProfile profile = FeedProfile.of(constant(1, 0));

        assertThat(profile.durationNs()).isZero();
        assertThat(profile.meanRatePerSecond()).isZero();
        assertThat(profile.peak(1_000_000_000).messages()).isEqualTo(1);
    }

    @Test
    void sharesMostFirstPortsTogetherAndSizesByNearestRank() throws Exception
    {
        final List<FeedDestination> destinations = List.of(
            new FeedDestination(InetAddress.getByName("239.1.1.1"), 5000),
            new FeedDestination(InetAddress.getByName("239.1.1.2"), 5001),
            new FeedDestination(InetAddress.getByName("ff15::1"), 5000));
        // 100 messages of 1..100 bytes: 20 to the first, 50 to the second, 30 to the third
        final long[] offsets = new long[100];
        final int[] destination = new int[100];
        final int[] lengths = new int[100];
        for (int i = 0; i < 100; i++)
        {
            offsets[i] = i;
            destination[i] = i < 20 ? 0 : i < 70 ? 1 : 2;
            lengths[i] = i + 1;
        }
        final FeedProfile profile = FeedProfile.of(Feed.of("shares", offsets, destination, lengths, destinations));

        assertThat(profile.destinations()).containsExactly(
            new Share("239.1.1.2:5001", 50, 2275, 0.5),
            new Share("[ff15::1]:5000", 30, 2565, 0.3),
            new Share("239.1.1.1:5000", 20, 210, 0.2));
        assertThat(profile.ports()).containsExactly(
            new Share("5000", 50, 2775, 0.5),
            new Share("5001", 50, 2275, 0.5));
        assertThat(profile.sizes()).isEqualTo(new Sizes(1, 50, 99, 100, 50.5));
        assertThat(profile.bytes()).isEqualTo(5050);
    }

    @Test
    void writesToJsonAsPlainFieldsAndReadsBack() throws Exception
    {
        final Feed feed = Feed.of("json", new long[] {0, 1_000, 2_000_000}, new int[3], new int[] {10, 20, 30},
            UNNAMED);
        final FeedProfile profile = FeedProfile.of(feed);
        final String json = Json.MAPPER.writeValueAsString(profile);
        final JsonNode node = Json.MAPPER.readTree(json);

        assertThat(node.fieldNames()).toIterable().containsExactly("file", "format", "messages", "bytes", "durationNs",
            "meanRatePerSecond", "peaks", "destinations", "ports", "sizes", "skipped");
        assertThat(node.path("format").asText()).isEqualTo("generated");
        assertThat(node.path("peaks").get(0).fieldNames()).toIterable()
            .containsExactly("window", "windowNs", "messages", "ratePerSecond", "atNs");
        assertThat(node.path("peaks").get(4).path("window").asText()).isEqualTo("1s");
        assertThat(node.path("destinations").get(0).fieldNames()).toIterable()
            .containsExactly("name", "messages", "bytes", "messageShare");
        assertThat(node.path("ports").get(0).path("name").asText()).isEqualTo("unnamed");
        assertThat(node.path("sizes").fieldNames()).toIterable().containsExactly("min", "p50", "p99", "max", "mean");
        assertThat(node.path("skipped").isObject()).isTrue();
        assertThat(Json.MAPPER.readValue(json, FeedProfile.class)).isEqualTo(profile);
        assertThat(profile.skipped()).isEqualTo(Map.of());
    }
}
