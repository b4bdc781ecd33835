package io.rxbreak.core.counters.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

import io.rxbreak.testsupport.Fixtures;
import org.junit.jupiter.api.Test;

/**
 * Decoding trace_pipe_raw pages: a real page of 6.18 (5 kfree_skb records of NO_SOCKET), and pages built here with
 * every record type (long data, time extend, time stamp, padding), the missed-events flags and a broken length.
 */
class RingBufferPageTest
{
    private static final RingBufferPage LAYOUT = RingBufferPage.parse(Fixtures.text("/fixtures/tracing/header_page-6.18.txt"));
    private static final KfreeSkbFormat FORMAT =
        KfreeSkbFormat.parse(Fixtures.text("/fixtures/tracing/kfree_skb-format-6.18.txt"));

    @Test
    void theHeaderPageOf618()
    {
        assertThat(LAYOUT).isEqualTo(new RingBufferPage(8, 8, 16, 4096));
    }

    @Test
    void aRealPageHoldsFiveNoSocketRecords() throws IOException
    {
        final ByteBuffer page;
        try (InputStream in = RingBufferPageTest.class.getResourceAsStream("/fixtures/tracing/kfree_skb-page-6.18.bin"))
        {
            page = ByteBuffer.wrap(in.readAllBytes());
        }
        final List<String> records = new ArrayList<>();
        final int count = LAYOUT.decode(page, (data, offset, length) -> records.add(
            (data.getShort(offset + FORMAT.typeOffset()) & 0xFFFF) + " " + length + " " +
                (data.getShort(offset + FORMAT.protocolOffset()) & 0xFFFF) + " " +
                FORMAT.name(data.getInt(offset + FORMAT.reasonOffset())) + " " +
                Long.toHexString(data.getLong(offset + FORMAT.locationOffset()))));
        assertThat(count).isEqualTo(5);
        assertThat(records).containsOnly("2310 40 2048 NO_SOCKET ffffffff82046f4c");
    }

    @Test
    void everyRecordTypeIsWalked()
    {
        final ByteBuffer page = ByteBuffer.allocate(4096).order(ByteOrder.LITTLE_ENDIAN);
        int at = 16;
        page.putInt(at, 30 | 5 << 5); // time extend: 8 bytes
        at += 8;
        page.putInt(at, 2 | 1 << 5); // small data: 8 bytes of payload
        page.putInt(at + 4, 0xAAAA);
        at += 12;
        page.putInt(at, 0 | 1 << 5); // long data: the length (payload + 4) in the next word
        page.putInt(at + 4, 4 + 120);
        page.putInt(at + 8, 0xBBBB);
        at += 8 + 120;
        page.putInt(at, 29 | 7 << 5); // padding that is a discarded record: its length follows
        page.putInt(at + 4, 12);
        at += 16;
        page.putInt(at, 31 | 1 << 5); // absolute time stamp: 8 bytes
        at += 8;
        page.putInt(at, 1 | 1 << 5); // small data: 4 bytes
        page.putInt(at + 4, 0xCCCC);
        at += 8;
        page.putLong(8, (at - 16) | RingBufferPage.MISSED_EVENTS | RingBufferPage.MISSED_STORED);
        final List<String> payloads = new ArrayList<>();
        final int count = LAYOUT.decode(page, (data, offset, length) ->
            payloads.add(Integer.toHexString(data.getInt(offset)) + "/" + length));
        assertThat(count).isEqualTo(3);
        assertThat(payloads).containsExactly("aaaa/8", "bbbb/120", "cccc/4");
    }

    @Test
    void aRecordRunningPastTheDataIsAnError()
    {
        final ByteBuffer page = ByteBuffer.allocate(4096).order(ByteOrder.LITTLE_ENDIAN);
        page.putInt(16, 10 | 1 << 5); // 40 bytes of payload, but the page says 20 bytes of data
        page.putLong(8, 20);
        assertThatThrownBy(() -> LAYOUT.decode(page, (data, offset, length) -> { }))
            .hasMessageContaining("runs past the page's data");
    }
}
