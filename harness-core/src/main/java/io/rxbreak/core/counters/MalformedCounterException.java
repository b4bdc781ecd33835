package io.rxbreak.core.counters;

/**
 * A counter file that does not have the expected format. The message names the file, the line and what was
 * expected; a malformed file is never read as zero.
 */
public final class MalformedCounterException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    private final String source;
    private final int lineNumber;

    /**
     * @param source the file, as a path or a name.
     * @param lineNumber the 1-based line, or 0 for the whole file.
     * @param problem what was expected and what was found.
     */
    public MalformedCounterException(final String source, final int lineNumber, final String problem)
    {
        super(source + (lineNumber > 0 ? ":" + lineNumber : "") + ": " + problem);
        this.source = source;
        this.lineNumber = lineNumber;
    }

    /**
     * @return the file that was malformed.
     */
    public String source()
    {
        return source;
    }

    /**
     * @return the 1-based line, or 0 when the problem concerns the whole file.
     */
    public int lineNumber()
    {
        return lineNumber;
    }
}
