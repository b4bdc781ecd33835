package io.rxbreak.core.wire;

/**
 * What {@link MessageDecoder#wrap} found: a valid rxbreak message, or why a datagram is not one. Datagrams that
 * are not valid are counted by reason and skipped, never a crash.
 */
public enum DecodeResult
{
    /** A valid rxbreak message. */
    OK("valid"),
    /** Shorter than the header. */
    TOO_SHORT("shorter than the rxbreak header"),
    /** The magic number is not rxbreak's: foreign traffic on the group. */
    BAD_MAGIC("not rxbreak traffic (magic)"),
    /** rxbreak traffic of a version this code does not read. */
    BAD_VERSION("an rxbreak version this build does not read"),
    /** The length in the header differs from the datagram's: truncated or corrupt. */
    LENGTH_MISMATCH("length in the header differs from the datagram's (truncated?)");

    private final String description;

    DecodeResult(final String description)
    {
        this.description = description;
    }

    public String description()
    {
        return description;
    }
}
