package io.rxbreak.feed;

import io.rxbreak.core.config.BadInputException;

/**
 * A feed file that cannot be read: one line naming the file, where in it (the byte offset of a capture, the line of a
 * CSV) and what was expected there, for example {@code trace.pcapng: at byte 1204: expected the block's trailing
 * length 96, found 92}. The command line prints it and exits with code 2.
 */
public final class FeedFormatException extends BadInputException
{
    private static final long serialVersionUID = 1L;

    /**
     * @param message the whole line, starting with the file.
     */
    public FeedFormatException(final String message)
    {
        super(message);
    }

    /**
     * @param file the file as given.
     * @param byteOffset where in it the problem is.
     * @param expected what should have been there.
     * @param found what was there.
     * @return {@code FILE: at byte N: expected X, found Y}.
     */
    public static FeedFormatException atByte(
        final String file, final long byteOffset, final String expected, final String found)
    {
        return new FeedFormatException(
            file + ": at byte " + byteOffset + ": expected " + expected + ", found " + found);
    }

    /**
     * @param file the file as given.
     * @param line the line, counted from 1.
     * @param expected what should have been there.
     * @param found what was there.
     * @return {@code FILE:LINE: expected X, found Y}.
     */
    public static FeedFormatException atLine(
        final String file, final int line, final String expected, final String found)
    {
        return new FeedFormatException(file + ":" + line + ": expected " + expected + ", found " + found);
    }
}
