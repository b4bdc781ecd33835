package io.rxbreak.sender;

/**
 * Names of the errno values a UDP send can fail with, for the statistics ({@code EAGAIN}, {@code ENOBUFS}, ...).
 */
public final class Errno
{
    /** Counted errno values are 0 to this; larger ones count as {@link #OTHER}. */
    public static final int MAX = 133;
    /** The slot for an errno above {@link #MAX} or a failure without an errno. */
    public static final int OTHER = MAX + 1;

    private static final String[] NAMES = new String[OTHER + 1];

    static
    {
        NAMES[1] = "EPERM";
        NAMES[9] = "EBADF";
        NAMES[11] = "EAGAIN";
        NAMES[13] = "EACCES";
        NAMES[14] = "EFAULT";
        NAMES[22] = "EINVAL";
        NAMES[90] = "EMSGSIZE";
        NAMES[97] = "EAFNOSUPPORT";
        NAMES[99] = "EADDRNOTAVAIL";
        NAMES[100] = "ENETDOWN";
        NAMES[101] = "ENETUNREACH";
        NAMES[105] = "ENOBUFS";
        NAMES[111] = "ECONNREFUSED";
        NAMES[113] = "EHOSTUNREACH";
        NAMES[OTHER] = "other";
    }

    private Errno()
    {
    }

    /**
     * @param errno an errno value (the sign is ignored).
     * @return the slot it is counted in.
     */
    public static int slot(final int errno)
    {
        final int value = Math.abs(errno);
        return value <= MAX ? value : OTHER;
    }

    /**
     * @param slot a slot from {@link #slot(int)}.
     * @return its name, like {@code ENOBUFS}, or {@code errno N}.
     */
    public static String name(final int slot)
    {
        final String name = slot >= 0 && slot < NAMES.length ? NAMES[slot] : null;
        return name != null ? name : "errno " + slot;
    }
}
