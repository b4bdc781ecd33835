import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;

import io.rxbreak.core.counters.DropReasons;
import io.rxbreak.core.counters.tracing.DropReasonCounter;

/**
 * Run by drop-reason-cost.sh: counts drop reasons while the flood runs (the command in its arguments, its last
 * output line the number sent), then prints what was sent, decoded and lost and the reader thread's CPU time.
 */
public final class DropReasonCost
{
    private DropReasonCost()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        try (DropReasonCounter counter = DropReasonCounter.open(Path.of("/sys"), Path.of("/proc")))
        {
            final DropReasons before = counter.read();
            final long startNs = System.nanoTime();
            final Process flood = new ProcessBuilder(args).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            final String out = new String(flood.getInputStream().readAllBytes()).trim();
            flood.waitFor();
            final DropReasons delta = counter.read().minus(before);
            final double seconds = (System.nanoTime() - startNs) / 1e9;
            long readerCpuNs = -1;
            for (final Thread thread : Thread.getAllStackTraces().keySet())
            {
                if (thread.getName().equals("rxbreak-drop-reasons"))
                {
                    readerCpuNs = threads.getThreadCpuTime(thread.getId());
                }
            }
            final long sent = Long.parseLong(out.substring(out.lastIndexOf('\n') + 1).trim());
            final long named = delta.count("NOT_SPECIFIED");
            System.out.printf("sent %,d in %.2f s (%,.0f/s); NOT_SPECIFIED counted %,d, records lost %,d; all reasons %s%n",
                sent, seconds, sent / seconds, named, delta.lostRecords(), delta.counts().size());
            System.out.printf("reader thread CPU %.3f s = %.1f%% of one CPU; %.2f us per record%n", readerCpuNs / 1e9,
                100.0 * readerCpuNs / 1e9 / seconds, readerCpuNs / 1e3 / Math.max(1, named + delta.lostRecords()));
        }
    }
}
