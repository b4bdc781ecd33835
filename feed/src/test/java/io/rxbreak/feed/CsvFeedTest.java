package io.rxbreak.feed;

import static io.rxbreak.feed.PcapReaderTest.destinations;
import static io.rxbreak.feed.PcapReaderTest.lengths;
import static io.rxbreak.feed.PcapReaderTest.names;
import static io.rxbreak.feed.PcapReaderTest.offsets;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import io.rxbreak.testsupport.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CSV timelines: {@code offset_ns,group:port,size} (IPv4 and IPv6), the playback file's {@code offset_ns,size}, and
 * every line error with its file and line.
 */
class CsvFeedTest
{
    @TempDir
    Path tmp;

    private Path csv(final String text)
    {
        return Fixtures.write(tmp, "feed.csv", text);
    }

    @Test
    void offsetDestinationAndSizeWithAHeaderCommentsAndBlankLines()
    {
        final Feed feed = Feed.read(csv("""
            # recorded at the open
            offset_ns,destination,size

            1000,239.1.1.1:5000,100
            1000, [ff15::1]:5001 ,65527
            # a pause
            2500,239.1.1.1:5000,0
            9000,239.1.1.1:05000,7
            """));

        assertThat(feed.format()).isEqualTo(Feed.Format.CSV);
        assertThat(feed.formatDetail()).isEqualTo("offset_ns,group:port,size");
        assertThat(offsets(feed)).containsExactly(0L, 0L, 1_500L, 8_000L);
        assertThat(lengths(feed)).containsExactly(100, 65527, 0, 7);
        assertThat(names(feed)).containsExactly("239.1.1.1:5000", "[ff15::1]:5001");
        assertThat(destinations(feed)).containsExactly(0, 1, 0, 0);
        assertThat(feed.destinations().get(1).multicast()).isTrue();
        assertThat(feed.skipped()).isEmpty();
    }

    @Test
    void thePlaybackFilesTwoColumnsLeaveTheDestinationToTheSender()
    {
        final Feed feed = Feed.read(csv("offset_ns,size\n0,64\n1000,32\n1000,65507\r\n"));

        assertThat(feed.formatDetail()).isEqualTo("offset_ns,size, no destination (the sender's own group)");
        assertThat(offsets(feed)).containsExactly(0L, 1_000L, 1_000L);
        assertThat(lengths(feed)).containsExactly(64, 32, 65507);
        assertThat(feed.destinations()).containsExactly(FeedDestination.UNNAMED);
        assertThat(feed.destinations().get(0).named()).isFalse();
        assertThat(feed.destination(2)).isZero();
    }

    @Test
    void offsetsMustNotDecrease()
    {
        final Path file = csv("0,239.1.1.1:5000,10\n2000,239.1.1.1:5000,10\n1000,239.1.1.1:5000,10\n");
        assertThatThrownBy(() -> Feed.read(file)).isInstanceOf(FeedFormatException.class)
            .hasMessage(file + ":3: expected an offset of at least 2000 ns (offsets must not decrease), found 1000");
    }

    @Test
    void sizesWithinTheLimitsOfEachForm()
    {
        final Path playback = csv("# sizes\n0,10\n");
        assertThatThrownBy(() -> Feed.read(playback))
            .hasMessage(playback + ":2: expected a size of 32 to 65507 bytes, found 10");

        final Path ipv4 = csv("0,239.1.1.1:5000,65508\n");
        assertThatThrownBy(() -> Feed.read(ipv4))
            .hasMessage(ipv4 + ":1: expected a size of 0 to 65507 bytes, found 65508");

        final Path ipv6 = csv("0,[ff15::1]:5000,65528\n");
        assertThatThrownBy(() -> Feed.read(ipv6))
            .hasMessage(ipv6 + ":1: expected a size of 0 to 65527 bytes, found 65528");

        final Path notNumber = csv("0,239.1.1.1:5000,1.5k\n");
        assertThatThrownBy(() -> Feed.read(notNumber))
            .hasMessage(notNumber + ":1: expected a size of 0 to 65507 bytes, found '1.5k'");
    }

    @Test
    void destinationsAreAddressLiteralsWithAPortAndNeverNamesToResolve()
    {
        final Path noPort = csv("0,239.1.1.1,10\n");
        assertThatThrownBy(() -> Feed.read(noPort)).isInstanceOf(FeedFormatException.class)
            .hasMessage(noPort + ":1: '239.1.1.1' is not ADDR:PORT (IPv6 as [ff15::1]:5000)");

        final Path name = csv("0,example.com:5000,10\n");
        assertThatThrownBy(() -> Feed.read(name))
            .hasMessage(name + ":1: 'example.com' is not an IPv4 or IPv6 address literal");

        final Path port = csv("0,239.1.1.1:70000,10\n");
        assertThatThrownBy(() -> Feed.read(port))
            .hasMessage(port + ":1: port 70000 is out of range: use 1-65535");
    }

    @Test
    void everyLineHasTheColumnsOfTheFirst()
    {
        final Path four = csv("1,2,3,4\n");
        assertThatThrownBy(() -> Feed.read(four))
            .hasMessage(four + ":1: expected offset_ns,group:port,size or offset_ns,size, found '1,2,3,4'");

        final Path one = csv("12345\n");
        assertThatThrownBy(() -> Feed.read(one))
            .hasMessage(one + ":1: expected offset_ns,group:port,size or offset_ns,size, found '12345'");

        final Path mixed = csv("0,239.1.1.1:5000,100\n5,100\n");
        assertThatThrownBy(() -> Feed.read(mixed))
            .hasMessage(mixed + ":2: expected offset_ns,group:port,size like the lines before, found '5,100'");

        final Path afterData = csv("0,64\nsize,offset\n");
        assertThatThrownBy(() -> Feed.read(afterData))
            .hasMessage(afterData + ":2: expected offset_ns, a whole number of nanoseconds, found 'size'");
    }

    @Test
    void offsetsAreWholeNonNegativeNanoseconds()
    {
        final Path fraction = csv("1.5,64\n");
        assertThatThrownBy(() -> Feed.read(fraction))
            .hasMessage(fraction + ":1: expected offset_ns, a whole number of nanoseconds, found '1.5'");

        final Path negative = csv("-5,64\n");
        assertThatThrownBy(() -> Feed.read(negative))
            .hasMessage(negative + ":1: expected offset_ns of 0 or more, found -5");
    }

    @Test
    void aFileWithoutMessages()
    {
        final Path comments = csv("# nothing yet\n\noffset_ns,size\n");
        assertThatThrownBy(() -> Feed.read(comments))
            .hasMessage(comments + ": expected at least one line of offset_ns,group:port,size or offset_ns,size, " +
                "found none");
    }

    @Test
    void textOutsideTheDataMayBeInAnyEncoding() throws Exception
    {
        final Path latin1 = tmp.resolve("latin1.csv");
        Files.write(latin1, "d\u00e9calage,taille\n0,64\n# caf\u00e9\n10,64\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(lengths(Feed.read(latin1))).containsExactly(64, 64);
        final Path utf8 = tmp.resolve("utf8.csv");
        Files.write(utf8, "\ufeff# \u00e9t\u00e9\n0,64\n".getBytes(StandardCharsets.UTF_8));
        assertThat(lengths(Feed.read(utf8))).containsExactly(64);
    }
}
