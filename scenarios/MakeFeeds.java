import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * Writes the feeds of the scenario library (CSV timelines, {@code offset_ns,group:port,size}, see docs/feed.md):
 * small (under 1 MB), a second or two long, and the same every time (fixed seeds). Run it with only a JDK, from the
 * repository's root:
 *
 * <pre>
 * java scenarios/MakeFeeds.java            # writes scenarios/feeds/*.csv
 * java scenarios/MakeFeeds.java OUT_DIR    # elsewhere
 * </pre>
 *
 * Every group is administratively scoped (239.255.0.0/16): a host-only ramp keeps them on loopback, and a sandbox
 * keeps them inside its namespace.
 */
public final class MakeFeeds
{
    private static final long MS = 1_000_000L;
    private static final long SECOND = 1_000_000_000L;

    private MakeFeeds()
    {
    }

    public static void main(final String[] args) throws IOException
    {
        final Path out = Path.of(args.length > 0 ? args[0] : "scenarios/feeds");
        Files.createDirectories(out);
        write(out.resolve("open-burst.csv"), "market-data open: quiet pre-open on 4 groups, then the open's burst",
            openBurst());
        write(out.resolve("gc-pauses.csv"), "a steady 10,000 msgs/s quote stream on one group", steady(
            "239.255.20.1:30020", 10_000, SECOND, 128, 2));
        write(out.resolve("microbursts.csv"), "bursts of 300 back to back every 20 ms on one group", microbursts());
        write(out.resolve("fanout.csv"), "a steady 5,000 msgs/s stream on one group, read by 8 sockets", steady(
            "239.255.40.1:30040", 5_000, SECOND, 200, 4));
        write(out.resolve("softirq-backlog.csv"), "a steady 10,000 msgs/s with bursts of 2,000 back to back",
            softirqBursts());
    }

    /**
     * Pre-open: 0.8 s of 2,000 msgs/s (heartbeats and indicative quotes) spread over four groups with random gaps.
     * The open at 0.8 s: 100 ms at 40,000 msgs/s (every symbol prints), then 300 ms of busy trading at 15,000 msgs/s
     * and 300 ms settling at 4,000 msgs/s.
     */
    private static List<Message> openBurst()
    {
        final Random random = new Random(1);
        final String[] groups = {"239.255.10.1:30010", "239.255.10.2:30010", "239.255.10.3:30010", "239.255.10.4:30010"};
        final List<Message> messages = new ArrayList<>();
        poisson(messages, random, groups, 0, 800 * MS, 2_000, 64, 96);
        evenly(messages, random, groups, 800 * MS, 100 * MS, 40_000, 96, 160);
        poisson(messages, random, groups, 900 * MS, 300 * MS, 15_000, 64, 160);
        poisson(messages, random, groups, 1_200 * MS, 300 * MS, 4_000, 64, 128);
        return messages;
    }

    /** Bursts of 300 messages 1 us apart, every 20 ms for 1 s: 15,000 messages, a mean of 15,000 msgs/s. */
    private static List<Message> microbursts()
    {
        final List<Message> messages = new ArrayList<>();
        for (long start = 0; start < SECOND; start += 20 * MS)
        {
            for (int i = 0; i < 300; i++)
            {
                messages.add(new Message(start + i * 1_000L, "239.255.30.1:30030", 100));
            }
        }
        return messages;
    }

    /**
     * 10,000 msgs/s on one group for 1 s, and every 200 ms a burst of 2,000 messages 1 us apart (a gateway flushing
     * its queue): 20,000 messages.
     */
    private static List<Message> softirqBursts()
    {
        final Random random = new Random(5);
        final String[] group = {"239.255.50.1:30050"};
        final List<Message> messages = new ArrayList<>();
        evenly(messages, random, group, 0, SECOND, 10_000, 64, 64);
        for (long start = 100 * MS; start < SECOND; start += 200 * MS)
        {
            for (int i = 0; i < 2_000; i++)
            {
                messages.add(new Message(start + i * 1_000L, group[0], 64));
            }
        }
        return messages;
    }

    private static List<Message> steady(final String group, final int ratePerSecond, final long durationNs,
        final int size, final long seed)
    {
        final List<Message> messages = new ArrayList<>();
        evenly(messages, new Random(seed), new String[] {group}, 0, durationNs, ratePerSecond, size, size);
        return messages;
    }

    private static void evenly(final List<Message> messages, final Random random, final String[] groups,
        final long startNs, final long durationNs, final int ratePerSecond, final int minSize, final int maxSize)
    {
        final long count = durationNs * ratePerSecond / SECOND;
        for (long i = 0; i < count; i++)
        {
            messages.add(new Message(startNs + i * SECOND / ratePerSecond, groups[random.nextInt(groups.length)],
                size(random, minSize, maxSize)));
        }
    }

    private static void poisson(final List<Message> messages, final Random random, final String[] groups,
        final long startNs, final long durationNs, final int ratePerSecond, final int minSize, final int maxSize)
    {
        final double meanGapNs = (double)SECOND / ratePerSecond;
        double at = startNs;
        while (true)
        {
            at += -Math.log(1.0 - random.nextDouble()) * meanGapNs;
            if (at >= startNs + durationNs)
            {
                return;
            }
            messages.add(new Message((long)at, groups[random.nextInt(groups.length)], size(random, minSize, maxSize)));
        }
    }

    private static int size(final Random random, final int min, final int max)
    {
        return min == max ? min : min + random.nextInt(max - min + 1);
    }

    private static void write(final Path file, final String what, final List<Message> messages) throws IOException
    {
        messages.sort(Comparator.comparingLong(Message::offsetNs));
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII))
        {
            out.write("# " + what + " (written by scenarios/MakeFeeds.java)\n");
            out.write("# offset_ns,group:port,size\n");
            for (final Message message : messages)
            {
                out.write(message.offsetNs() + "," + message.destination() + "," + message.size() + "\n");
            }
        }
        System.out.printf("%s: %,d messages, %,d bytes%n", file, messages.size(), Files.size(file));
    }

    private record Message(long offsetNs, String destination, int size)
    {
    }
}
