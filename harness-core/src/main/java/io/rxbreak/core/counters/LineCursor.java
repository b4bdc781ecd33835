package io.rxbreak.core.counters;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Reads ASCII counter files straight from bytes, line by line and field by field, without regular expressions or
 * per-line strings. Every failure names the source, the line and what was expected.
 */
final class LineCursor
{
    private static final int MAX_SHOWN = 60;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101_0101_0101_0101L;
    private static final long HIGHS = 0x8080_8080_8080_8080L;
    private static final long NEWLINES = ONES * '\n';
    private static final byte[] HEX = new byte[256];
    private static final int SAFE_DECIMAL_DIGITS = 18;

    static
    {
        java.util.Arrays.fill(HEX, (byte)-1);
        for (int i = 0; i < 10; i++)
        {
            HEX['0' + i] = (byte)i;
        }
        for (int i = 0; i < 6; i++)
        {
            HEX['a' + i] = (byte)(10 + i);
            HEX['A' + i] = (byte)(10 + i);
        }
    }
    private static final long MAX_BEFORE_DIGIT = Long.divideUnsigned(-1L, 10);

    private final byte[] data;
    private final int end;
    private final String source;
    private int position;
    private int lineStart;
    private int lineEnd;
    private int nextLineStart;
    private int lineNumber;

    LineCursor(final byte[] data, final int length, final String source)
    {
        this.data = data;
        this.end = length;
        this.source = source;
    }

    String source()
    {
        return source;
    }

    int lineNumber()
    {
        return lineNumber;
    }

    /**
     * @return whether another line was found (empty trailing lines are skipped).
     */
    boolean nextLine()
    {
        while (nextLineStart < end)
        {
            lineStart = nextLineStart;
            final int i = indexOfNewline(lineStart);
            lineEnd = i;
            nextLineStart = i + 1;
            lineNumber++;
            position = lineStart;
            if (!isBlankLine())
            {
                return true;
            }
        }
        return false;
    }

    /**
     * @return the index of the next '\n' from {@code from}, or {@code end}: eight bytes at a time.
     */
    private int indexOfNewline(final int from)
    {
        int i = from;
        while (i + Long.BYTES <= end)
        {
            final long word = (long)LONGS.get(data, i) ^ NEWLINES;
            final long found = (word - ONES) & ~word & HIGHS;
            if (found != 0)
            {
                return i + (Long.numberOfTrailingZeros(found) >>> 3);
            }
            i += Long.BYTES;
        }
        while (i < end && data[i] != '\n')
        {
            i++;
        }
        return i;
    }

    private boolean isBlankLine()
    {
        for (int i = lineStart; i < lineEnd; i++)
        {
            if (!isSpace(data[i]))
            {
                return false;
            }
        }
        return true;
    }

    private static boolean isSpace(final byte b)
    {
        return b == ' ' || b == '\t' || b == '\r';
    }

    void skipSpaces()
    {
        while (position < lineEnd && isSpace(data[position]))
        {
            position++;
        }
    }

    boolean atLineEnd()
    {
        skipSpaces();
        return position >= lineEnd;
    }

    /**
     * @return whether the current line starts with a space or tab; moves to its first non-space.
     */
    boolean lineIndented()
    {
        position = lineStart;
        final boolean indented = lineStart < lineEnd && isSpace(data[lineStart]);
        skipSpaces();
        return indented;
    }

    int position()
    {
        return position;
    }

    void position(final int newPosition)
    {
        position = newPosition;
    }

    byte peek()
    {
        return position < lineEnd ? data[position] : 0;
    }

    /**
     * Expect one character (after optional spaces).
     */
    void expect(final char c, final String what)
    {
        skipSpaces();
        if (position >= lineEnd || data[position] != c)
        {
            throw fail("expected '" + c + "' " + what);
        }
        position++;
    }

    /**
     * @return the next field as an unsigned hexadecimal number of at most 16 digits.
     */
    long hex(final String what)
    {
        skipSpaces();
        final int start = position;
        long value = 0;
        while (position < lineEnd)
        {
            final int digit = hexDigit(data[position]);
            if (digit < 0)
            {
                break;
            }
            value = (value << 4) | digit;
            position++;
        }
        final int digits = position - start;
        if (digits == 0 || digits > 16)
        {
            throw fail("expected " + what + " as hexadecimal digits");
        }
        return value;
    }

    /**
     * @return exactly {@code digits} hexadecimal digits as a number.
     */
    long hexDigits(final int digits, final String what)
    {
        long value = 0;
        for (int i = 0; i < digits; i++)
        {
            final int digit = position < lineEnd ? hexDigit(data[position]) : -1;
            if (digit < 0)
            {
                throw fail("expected " + what + " as " + digits + " hexadecimal digits");
            }
            value = (value << 4) | digit;
            position++;
        }
        return value;
    }

    boolean atHexDigit()
    {
        return position < lineEnd && hexDigit(data[position]) >= 0;
    }

    private static int hexDigit(final byte b)
    {
        return HEX[b & 0xff];
    }

    /**
     * @return the next field as a decimal number: an unsigned 64-bit value (above 2^63-1 it is kept as its bit
     *     pattern), or a negative one with a leading '-'.
     */
    long decimal(final String what)
    {
        skipSpaces();
        boolean negative = false;
        if (position < lineEnd && data[position] == '-')
        {
            negative = true;
            position++;
        }
        final int start = position;
        long value = 0;
        while (position < lineEnd)
        {
            final int digit = data[position] - '0';
            if (digit < 0 || digit > 9)
            {
                break;
            }
            if (position - start >= SAFE_DECIMAL_DIGITS)
            {
                if (Long.compareUnsigned(value, MAX_BEFORE_DIGIT) > 0 ||
                    Long.compareUnsigned(value * 10 + digit, value * 10) < 0)
                {
                    throw fail("expected " + what + " as a decimal number that fits 64 bits");
                }
            }
            value = value * 10 + digit;
            position++;
        }
        if (position == start || (position < lineEnd && !isSpace(data[position]) && data[position] != ':'))
        {
            throw fail("expected " + what + " as a decimal number");
        }
        return negative ? -value : value;
    }

    /**
     * Skip the next field (up to a space).
     */
    void skipToken(final String what)
    {
        skipSpaces();
        if (position >= lineEnd)
        {
            throw fail("expected " + what);
        }
        while (position < lineEnd && !isSpace(data[position]))
        {
            position++;
        }
    }

    /**
     * @return the next field up to a space or {@code stop}, as a string.
     */
    String token(final char stop, final String what)
    {
        skipSpaces();
        final int start = position;
        while (position < lineEnd && !isSpace(data[position]) && data[position] != stop)
        {
            position++;
        }
        if (position == start)
        {
            throw fail("expected " + what);
        }
        return new String(data, start, position - start, StandardCharsets.US_ASCII);
    }

    /**
     * @return whether the current line, after leading spaces, starts with {@code prefix}.
     */
    boolean lineStartsWith(final String prefix)
    {
        int i = lineStart;
        while (i < lineEnd && isSpace(data[i]))
        {
            i++;
        }
        if (lineEnd - i < prefix.length())
        {
            return false;
        }
        for (int k = 0; k < prefix.length(); k++)
        {
            if (data[i + k] != prefix.charAt(k))
            {
                return false;
            }
        }
        return true;
    }

    String line()
    {
        return new String(data, lineStart, lineEnd - lineStart, StandardCharsets.US_ASCII);
    }

    MalformedCounterException fail(final String expected)
    {
        final int from = Math.max(lineStart, Math.min(position, lineEnd));
        final String rest = new String(data, from, Math.min(lineEnd - from, MAX_SHOWN), StandardCharsets.US_ASCII);
        final String found = rest.isBlank() ? "end of line" : "'" + rest.strip() + "'";
        return new MalformedCounterException(source, lineNumber, expected + ", found " + found);
    }

    MalformedCounterException failWhole(final String expected)
    {
        return new MalformedCounterException(source, 0, expected);
    }
}
