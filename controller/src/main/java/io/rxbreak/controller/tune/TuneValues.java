package io.rxbreak.controller.tune;

import java.math.BigInteger;

import io.rxbreak.controller.SandboxSetup;
import io.rxbreak.core.os.CpuSet;

/**
 * How a value of a tuning file is written to the kernel, and whether what the kernel reads back is what was asked.
 */
final class TuneValues
{
    private TuneValues()
    {
    }

    /**
     * @param kind what the line sets.
     * @param value the value as the file writes it.
     * @return the text to write: a sysctl's value as is, an RPS CPU list as the kernel's hex mask ({@code 0} for
     *     {@code off}), an IRQ's CPU list as is (to {@code smp_affinity_list}).
     */
    static String toKernel(final TuneKind kind, final String value)
    {
        if (kind == TuneKind.RPS)
        {
            final CpuSet cpus = TuneFile.cpus(value, TuneFile.OPTION, true);
            return cpus == null ? "0" : SandboxSetup.mask(cpus);
        }
        return value;
    }

    /**
     * @param kind what was written.
     * @param asked the text written.
     * @param read what the kernel reads back.
     * @return whether they say the same: a sysctl word by word after normalising white space (numbers as numbers,
     *     so {@code 0100} is {@code 100}); masks as bitmaps; CPU lists as sets.
     */
    static boolean matches(final TuneKind kind, final String asked, final String read)
    {
        try
        {
            switch (kind)
            {
                case RPS:
                    return SandboxSetup.maskValue(asked).equals(SandboxSetup.maskValue(read));
                case IRQ:
                    return CpuSet.parse(asked, TuneFile.OPTION).equals(CpuSet.parse(read, TuneFile.OPTION));
                default:
                    return sysctlMatches(asked, read);
            }
        }
        catch (final RuntimeException ex)
        {
            return false;
        }
    }

    private static boolean sysctlMatches(final String asked, final String read)
    {
        final String[] want = asked.trim().split("\\s+");
        final String[] got = read.trim().split("\\s+");
        if (want.length != got.length)
        {
            return false;
        }
        for (int i = 0; i < want.length; i++)
        {
            if (!want[i].equals(got[i]) && !sameNumber(want[i], got[i]))
            {
                return false;
            }
        }
        return true;
    }

    private static boolean sameNumber(final String a, final String b)
    {
        try
        {
            return new BigInteger(a).equals(new BigInteger(b));
        }
        catch (final NumberFormatException ex)
        {
            return false;
        }
    }
}
