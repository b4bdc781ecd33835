package io.rxbreak.core.os;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Steal time: how long a hypervisor kept some CPUs of this virtual machine from running while they had work
 * ({@code /proc/stat}, the eighth figure of each {@code cpuN} line, in USER_HZ ticks of 10 ms). A thread on such a
 * CPU neither runs nor waits in the guest's run queue meanwhile, so neither its schedstat nor its latency says why
 * it stopped: only this counter does. Cumulative since boot; 0 on bare metal.
 */
public final class CpuSteal
{
    /** The kernel reports {@code /proc/stat} in USER_HZ, which is 100 on every Linux architecture. */
    public static final long NS_PER_TICK = 10_000_000L;
    /** Where the kernel reports it. */
    public static final Path PROC_STAT = Path.of("/proc/stat");

    private CpuSteal()
    {
    }

    /**
     * @param procStat {@code /proc/stat} or a copy.
     * @param cpus     the CPUs to add up.
     * @return their steal time since boot, ns, or -1 when it cannot be read.
     */
    public static long stealNs(final Path procStat, final CpuSet cpus)
    {
        try (BufferedReader reader = Files.newBufferedReader(procStat))
        {
            long ticks = 0;
            boolean found = false;
            for (String line = reader.readLine(); line != null; line = reader.readLine())
            {
                if (!line.startsWith("cpu") || line.length() < 4 || !Character.isDigit(line.charAt(3)))
                {
                    if (found)
                    {
                        break;
                    }
                    continue;
                }
                final String[] fields = line.split(" +");
                if (fields.length > 8 && cpus.contains(Integer.parseInt(fields[0].substring(3))))
                {
                    ticks += Long.parseLong(fields[8]);
                }
                found = true;
            }
            return found ? ticks * NS_PER_TICK : -1;
        }
        catch (final IOException | RuntimeException ex)
        {
            return -1;
        }
    }
}
