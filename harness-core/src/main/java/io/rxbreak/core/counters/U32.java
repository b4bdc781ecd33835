package io.rxbreak.core.counters;

/**
 * Arithmetic on the kernel's unsigned 32-bit counters, which wrap.
 */
public final class U32
{
    private static final long MASK = 0xFFFF_FFFFL;

    private U32()
    {
    }

    /**
     * @param before the earlier reading, 0 to 2^32-1.
     * @param after the later reading, 0 to 2^32-1.
     * @return how far the counter moved, assuming it wrapped at most once: never negative.
     */
    public static long delta(final long before, final long after)
    {
        return (after - before) & MASK;
    }
}
