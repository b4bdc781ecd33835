package io.rxbreak.receiver;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;

import io.rxbreak.core.config.Units;
import io.rxbreak.core.protocol.LatencySummary;
import io.rxbreak.core.protocol.ReceiverTrialReport;
import io.rxbreak.core.protocol.SocketResult;

/**
 * Formats the receiver's figures for people: the set-up, one line per interval, and the final summary in a fixed
 * order (whole run, loss, duplicates and order, kernel and application drops, sockets, latency ladder).
 */
public final class ResultFormatter
{
    private ResultFormatter()
    {
    }

    /**
     * @param out where to print.
     * @param receiver the open receiver.
     */
    public static void printSetup(final PrintWriter out, final Receiver receiver)
    {
        out.println("rxbreak receive: " + receiver.config() + " (transport in use: " +
            receiver.transport().name().toLowerCase(Locale.ROOT) + ")");
        for (final ReceiverSocket socket : receiver.sockets())
        {
            out.println("  socket " + socket.index() + ": group " + socket.label() + " inode " + socket.inode() +
                " fd " + socket.fd() + " rcvbuf requested " + socket.rcvbufRequested() + " granted " +
                socket.rcvbufGranted() + " (" + socket.rcvbufNote() + ")");
        }
        for (final String note : receiver.notes())
        {
            out.println("  note: " + note);
        }
        out.flush();
    }

    /**
     * @param out where to print.
     * @param elapsedSeconds the time since the start.
     * @param now the snapshot now.
     * @param before the snapshot one interval ago (of the same trial), or null.
     * @param intervalSeconds the interval's length.
     */
    public static void printInterval(final PrintWriter out, final double elapsedSeconds, final ReceiverTrialReport now,
        final ReceiverTrialReport before, final double intervalSeconds)
    {
        final long receivedDelta = now.received() - (before == null ? 0 : before.received());
        final long dropsDelta = now.kernelDrops() - (before == null ? 0 : before.kernelDrops());
        final long gapsDelta = now.gaps() - (before == null ? 0 : before.gaps());
        long rxQueue = 0;
        for (final SocketResult socket : now.sockets())
        {
            rxQueue += socket.rxQueueBytes();
        }
        out.println(String.format(Locale.ROOT,
            "%7.1fs trial %s  rate %,.0f/s  received %d  gaps %d (%+d)  kernel drops %d (%+d)  rx_queue %d B  " +
                "app drops %d  throttle %s",
            elapsedSeconds, now.trialId() == null ? "-" : now.trialId(), receivedDelta / intervalSeconds,
            now.received(), now.gaps(), gapsDelta, now.kernelDrops(), dropsDelta, rxQueue, now.applicationDrops(),
            now.sockets().isEmpty() ? now.throttle() : now.sockets().get(0).throttle()));
        out.flush();
    }

    /**
     * @param out where to print.
     * @param result the final result.
     */
    public static void printSummary(final PrintWriter out, final ReceiverTrialReport result)
    {
        out.println("summary: trial " + (result.trialId() == null ? "-" : result.trialId()) + ", " +
            String.format(Locale.ROOT, "%.3f", result.elapsedSeconds()) + " s" + (result.ended() ? "" : " (running)"));
        out.println(String.format(Locale.ROOT, "  received %d  unique %d  gaps %d  duplicates %d  out of order %d" +
            "  late %d", result.received(), result.unique(), result.gaps(), result.duplicates(), result.outOfOrder(),
            result.late()));
        final boolean allEnded = result.streamsEnded() == result.streams().size() && !result.streams().isEmpty();
        out.println(String.format(Locale.ROOT, "  kernel drops %d (socket buffer)  application drops %d  %s",
            result.kernelDrops(), result.applicationDrops(), allEnded ?
                "unexplained " + (result.gaps() - result.kernelDrops() - result.applicationDrops()) :
                "(" + (result.streams().size() - result.streamsEnded()) + " of " + result.streams().size() +
                    " streams without an end marker: loss after their last message received cannot be told)"));
        out.println(String.format(Locale.ROOT, "  datagrams %d in %d reads (%.1f per read)  end markers %d  " +
            "other trial %d  foreign %s", result.datagrams(), result.batches(),
            result.batches() == 0 ? 0.0 : (double)result.datagrams() / result.batches(), result.endMarkers(),
            result.otherTrial(), foreign(result.foreign())));
        out.println("  rcvbuf requested " + result.rcvbufRequested() + " granted " + result.rcvbufGranted() +
            "  throttle " + result.throttle());
        for (final SocketResult socket : result.sockets())
        {
            out.println("  socket " + socket.index() + " " + socket.group() + " inode " + socket.inode() +
                ": received " + socket.received() + " gaps " + socket.gaps() + " drops " + socket.drops() +
                " rx_queue " + socket.rxQueueBytes() + " B");
        }
        final LatencySummary latency = result.latency();
        final StringBuilder ladder = new StringBuilder("  latency (" + latency.count() + "): min " +
            Units.formatDuration(latency.minNs()));
        for (final Map.Entry<String, Long> entry : latency.percentilesNs().entrySet())
        {
            ladder.append("  p").append(entry.getKey()).append(' ').append(Units.formatDuration(entry.getValue()));
        }
        ladder.append("  max ").append(Units.formatDuration(latency.maxNs()));
        if (latency.negative() > 0)
        {
            ladder.append("  (").append(latency.negative()).append(" below zero: clocks disagree)");
        }
        out.println(ladder);
        out.println("  latency is " + LatencySummary.NOTE);
        out.flush();
    }

    private static String foreign(final Map<String, Long> foreign)
    {
        final StringBuilder text = new StringBuilder();
        long total = 0;
        for (final Map.Entry<String, Long> entry : foreign.entrySet())
        {
            if (entry.getValue() > 0)
            {
                text.append(text.length() == 0 ? "" : ", ").append(entry.getKey().toLowerCase(Locale.ROOT))
                    .append(' ').append(entry.getValue());
            }
            total += entry.getValue();
        }
        return total == 0 ? "0" : text.toString();
    }
}
