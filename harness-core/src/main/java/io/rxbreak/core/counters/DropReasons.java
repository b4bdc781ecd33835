package io.rxbreak.core.counters;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The kernel's drop reasons for IPv4 and IPv6 packets ({@code skb:kfree_skb}) counted since counting started, or
 * the difference of two such counts, or why they are unavailable (not root, kernel without the reason field). The
 * tracepoint is machine-wide: it sees every network namespace and every process, so other traffic on the host is
 * counted too; TCP frees are told apart by their function ({@link DropReasonCount#transport()}).
 *
 * @param counts per reason and function, largest first; empty when unavailable.
 * @param lostRecords records the trace buffer lost (overrun or dropped events): the counts are short by that many.
 * @param unavailableReason null when counted, else why not.
 */
public record DropReasons(List<DropReasonCount> counts, long lostRecords, String unavailableReason)
{
    /** The tracepoint sees every namespace: written into the JSON as {@code machineWide}. */
    public static final boolean MACHINE_WIDE = true;
    /** Why a snapshot or a capture holds no drop reasons. */
    public static final String ONLY_OVER_AN_INTERVAL =
        "drop reasons are counted live over an interval, as root: 'rxbreak counters watch' shows them";

    public DropReasons
    {
        final List<DropReasonCount> sorted = new ArrayList<>(counts);
        sorted.sort(Comparator.comparingLong(DropReasonCount::count).reversed()
            .thenComparing(DropReasonCount::reason).thenComparing(DropReasonCount::function));
        counts = List.copyOf(sorted);
    }

    /**
     * @param reason why drop reasons cannot be counted.
     * @return counts that say so.
     */
    public static DropReasons unavailable(final String reason)
    {
        return new DropReasons(List.of(), 0, reason);
    }

    /**
     * @return whether counts are present.
     */
    public boolean available()
    {
        return unavailableReason == null;
    }

    /**
     * @param before an earlier count from the same counter.
     * @return what was counted between the two (only non-zero entries); unavailable when either is.
     */
    public DropReasons minus(final DropReasons before)
    {
        if (!available())
        {
            return this;
        }
        if (!before.available())
        {
            return before;
        }
        final Map<String, Long> earlier = new LinkedHashMap<>();
        for (final DropReasonCount count : before.counts)
        {
            earlier.put(key(count), count.count());
        }
        final List<DropReasonCount> deltas = new ArrayList<>();
        for (final DropReasonCount count : counts)
        {
            final long delta = count.count() - earlier.getOrDefault(key(count), 0L);
            if (delta != 0)
            {
                deltas.add(new DropReasonCount(count.reason(), count.function(), delta));
            }
        }
        return new DropReasons(deltas, lostRecords - before.lostRecords, null);
    }

    /**
     * @param layer a layer.
     * @return the drops with reasons mapped to it, TCP frees left out.
     */
    public long drops(final Layer layer)
    {
        long total = 0;
        for (final DropReasonCount count : counts)
        {
            if (count.couldBeUdp() && count.layer() == layer)
            {
                total += count.count();
            }
        }
        return total;
    }

    /**
     * @return the counts that could be multicast data (TCP frees left out).
     */
    public List<DropReasonCount> udpAndNetwork()
    {
        final List<DropReasonCount> selected = new ArrayList<>();
        for (final DropReasonCount count : counts)
        {
            if (count.couldBeUdp())
            {
                selected.add(count);
            }
        }
        return selected;
    }

    /**
     * @param reason a kernel reason name.
     * @return the count of that reason over every function, TCP frees left out.
     */
    public long count(final String reason)
    {
        long total = 0;
        for (final DropReasonCount count : counts)
        {
            if (count.couldBeUdp() && count.reason().equals(reason))
            {
                total += count.count();
            }
        }
        return total;
    }

    private static String key(final DropReasonCount count)
    {
        return count.reason() + "@" + count.function();
    }
}
