package io.rxbreak.core.config;

/**
 * The sender's UDP GSO setting ({@code --gso auto|off|N}), read once for every command that takes it: the sender's
 * own, and the ramp's, which hands it to the sender agent it starts. With GSO, one send carries up to N datagrams,
 * each with its own header; the kernel splits them only where it must, so on loopback and veth a packet that a
 * filter drops, or a backlog overflows with, may hold many datagrams (every packet counter, the kernel's drop
 * reasons included, counts it once).
 */
public final class GsoSetting
{
    /** The option. */
    public static final String OPTION = "--gso";
    /** The default, as typed. */
    public static final String DEFAULT = "auto";
    /** Use GSO where the kernel supports it, with as many segments as fit. */
    public static final int AUTO = -1;
    /** No GSO: a datagram per packet. */
    public static final int OFF = 0;
    /** The most segments one GSO send carries. */
    public static final int MAX_SEGMENTS = 64;

    private GsoSetting()
    {
    }

    /**
     * @param text {@code auto} (or {@code on}), {@code off} (or {@code 0}) or a number of segments, 2 to
     *     {@value #MAX_SEGMENTS}, as typed.
     * @return {@link #AUTO}, {@link #OFF} or the segments per send.
     * @throws BadInputException naming {@value #OPTION} when it is none of these.
     */
    public static int parse(final String text)
    {
        final String value = text.trim();
        if ("auto".equalsIgnoreCase(value) || "on".equalsIgnoreCase(value))
        {
            return AUTO;
        }
        if ("off".equalsIgnoreCase(value) || "0".equals(value))
        {
            return OFF;
        }
        final int segments;
        try
        {
            segments = Integer.parseInt(value);
        }
        catch (final NumberFormatException ex)
        {
            throw BadInputException.option(OPTION, "'" + text + "' is not auto, off or a number of segments (2-" +
                MAX_SEGMENTS + ")");
        }
        check(segments);
        return segments;
    }

    /**
     * @param segments {@link #AUTO}, {@link #OFF} or segments per send.
     * @throws BadInputException naming {@value #OPTION} when it is out of range.
     */
    public static void check(final int segments)
    {
        if (segments != AUTO && segments != OFF && (segments < 2 || segments > MAX_SEGMENTS))
        {
            throw BadInputException.option(OPTION, "segments per send must be 2 to " + MAX_SEGMENTS +
                " (or auto, off), not " + segments);
        }
    }
}
