package io.rxbreak.core.counters.tracing;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decodes the pages a tracing instance's {@code per_cpu/cpuN/trace_pipe_raw} gives: the page header as
 * {@code events/header_page} describes it (a timestamp, {@code commit}: the bytes of data, with the missed-events
 * flags in its top bits, then the data), and in the data the records as {@code events/header_event} describes them
 * (a 32-bit header: {@code type_len} 5 bits and {@code time_delta} 27 bits; type 29 padding, 30 time extend, 31
 * time stamp, 1-28 data of {@code type_len * 4} bytes, 0 data whose length is in the next 32 bits). Little-endian
 * machines only (x86-64, arm64), as the rest of rxbreak's native code.
 *
 * @param commitOffset offset of {@code commit} in the page.
 * @param commitSize its size (8 on 64-bit kernels).
 * @param dataOffset offset of the data.
 * @param pageSize the whole page (data offset + data size).
 */
public record RingBufferPage(int commitOffset, int commitSize, int dataOffset, int pageSize)
{
    /** Set in {@code commit} when events were lost before this page. */
    static final long MISSED_EVENTS = 1L << 31;
    /** Set in {@code commit} when the number lost is stored after the data. */
    static final long MISSED_STORED = 1L << 30;

    private static final Pattern FIELD = Pattern.compile("field:\\s*[^;]*?\\s(\\w+);\\s*offset:(\\d+);\\s*size:(\\d+);");
    private static final int PADDING = 29;
    private static final int TIME_EXTEND = 30;
    private static final int TIME_STAMP = 31;
    private static final int HEADER_BYTES = 4;

    /** Receives the payload of each data record. */
    @FunctionalInterface
    public interface RecordConsumer
    {
        /**
         * @param page the page, little-endian.
         * @param offset where the record's payload starts.
         * @param length its length in bytes (rounded up to 4).
         */
        void onRecord(ByteBuffer page, int offset, int length);
    }

    /**
     * @param headerPage the text of {@code events/header_page}.
     * @return the layout it describes.
     * @throws IllegalStateException when it lacks {@code commit} or {@code data}.
     */
    public static RingBufferPage parse(final String headerPage)
    {
        int commitOffset = -1;
        int commitSize = -1;
        int dataOffset = -1;
        int dataSize = -1;
        final Matcher field = FIELD.matcher(headerPage);
        while (field.find())
        {
            final int offset = Integer.parseInt(field.group(2));
            final int size = Integer.parseInt(field.group(3));
            if ("commit".equals(field.group(1)))
            {
                commitOffset = offset;
                commitSize = size;
            }
            else if ("data".equals(field.group(1)))
            {
                dataOffset = offset;
                dataSize = size;
            }
        }
        if (commitOffset < 0 || dataOffset < 0 || (commitSize != 4 && commitSize != 8))
        {
            throw new IllegalStateException("events/header_page does not describe commit and data as expected");
        }
        return new RingBufferPage(commitOffset, commitSize, dataOffset, dataOffset + dataSize);
    }

    /**
     * @param page a page read from {@code trace_pipe_raw} (position 0, limit the bytes read), any byte order.
     * @param consumer receives each data record.
     * @return the number of data records (records lost before the page are counted by the instance's stats).
     * @throws IllegalStateException when the page is inconsistent (a record runs past the data).
     */
    public int decode(final ByteBuffer page, final RecordConsumer consumer)
    {
        page.order(ByteOrder.LITTLE_ENDIAN);
        final long commit = commitSize == 8 ? page.getLong(commitOffset) : Integer.toUnsignedLong(page.getInt(commitOffset));
        final int length = (int)(commit & ~(MISSED_EVENTS | MISSED_STORED) & 0xFFFF_FFFFL);
        final int end = dataOffset + length;
        if (end > page.limit())
        {
            throw new IllegalStateException("a trace page says " + length + " bytes of data, it has " +
                (page.limit() - dataOffset));
        }
        int records = 0;
        int offset = dataOffset;
        while (offset + HEADER_BYTES <= end)
        {
            final int header = page.getInt(offset);
            final int typeLen = header & 0x1F;
            final int recordBytes;
            if (typeLen == PADDING)
            {
                if (header >>> 5 == 0 || offset + 8 > end)
                {
                    break;
                }
                recordBytes = HEADER_BYTES + page.getInt(offset + HEADER_BYTES);
            }
            else if (typeLen == TIME_EXTEND || typeLen == TIME_STAMP)
            {
                recordBytes = 8;
            }
            else if (typeLen == 0)
            {
                if (offset + 8 > end)
                {
                    throw new IllegalStateException("a trace record at " + offset + " runs past the page's data");
                }
                final int lengthField = page.getInt(offset + HEADER_BYTES);
                recordBytes = HEADER_BYTES + lengthField;
                if (lengthField < 4 || lengthField > end - offset - HEADER_BYTES)
                {
                    throw new IllegalStateException("a trace record at " + offset + " runs past the page's data");
                }
                consumer.onRecord(page, offset + 8, lengthField - 4);
                records++;
            }
            else
            {
                recordBytes = HEADER_BYTES + typeLen * 4;
                if (offset + recordBytes > end)
                {
                    throw new IllegalStateException("a trace record at " + offset + " runs past the page's data");
                }
                consumer.onRecord(page, offset + HEADER_BYTES, typeLen * 4);
                records++;
            }
            if (recordBytes <= 0)
            {
                throw new IllegalStateException("a trace record at " + offset + " has no length");
            }
            offset += recordBytes;
        }
        return records;
    }
}
