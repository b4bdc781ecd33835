package io.rxbreak.sender.schedule;

import java.nio.file.Path;

/**
 * A recorded timeline replayed ({@code playback:FILE}): one message a line, {@code offset_ns,size}, offsets from
 * the trial's start and never decreasing. Read with {@link PlaybackFile}.
 */
public final class PlaybackSchedule implements Schedule
{
    private final Path file;
    private final long[] offsetsNs;
    private final int[] lengths;
    private final boolean variableLength;
    private final int maxLength;

    /**
     * @param file where the timeline came from, for messages.
     * @param offsetsNs each message's offset, never decreasing.
     * @param lengths each message's datagram length.
     */
    public PlaybackSchedule(final Path file, final long[] offsetsNs, final int[] lengths)
    {
        if (offsetsNs.length == 0 || offsetsNs.length != lengths.length)
        {
            throw new IllegalArgumentException("a playback timeline needs at least one message");
        }
        this.file = file;
        this.offsetsNs = offsetsNs.clone();
        this.lengths = lengths.clone();
        int max = 0;
        boolean variable = false;
        for (final int length : lengths)
        {
            max = Math.max(max, length);
            variable |= length != lengths[0];
        }
        this.maxLength = max;
        this.variableLength = variable;
    }

    @Override
    public long offsetNs(final long index)
    {
        return index < offsetsNs.length ? offsetsNs[(int)index] : END;
    }

    @Override
    public int messageLength(final long index, final int defaultLength)
    {
        return lengths[(int)index];
    }

    @Override
    public boolean variableLength()
    {
        return variableLength;
    }

    @Override
    public int maxMessageLength(final int defaultLength)
    {
        return maxLength;
    }

    public int messages()
    {
        return offsetsNs.length;
    }

    /**
     * @return the offset of the last message.
     */
    public long spanNs()
    {
        return offsetsNs[offsetsNs.length - 1];
    }

    @Override
    public long endOffsetNs()
    {
        return spanNs();
    }

    @Override
    public double targetRatePerSecond()
    {
        return spanNs() == 0 ? Double.NaN : offsetsNs.length * 1e9 / spanNs();
    }

    @Override
    public String describe()
    {
        return "playback:" + file + " (" + offsetsNs.length + " messages)";
    }
}
