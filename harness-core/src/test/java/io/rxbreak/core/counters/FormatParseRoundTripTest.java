package io.rxbreak.core.counters;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.RepeatedTest;

/**
 * Property tests: whatever the kernel's formats can print parses back to the same values. Each repetition uses
 * its own seed, printed on failure so that a failing case can be replayed.
 */
class FormatParseRoundTripTest
{
    private static final long BASE_SEED = 0x5eed_2026L;
    private static final int[] SOFTNET_WIDTHS = {9, 10, 11, 13, 15, 17};

    @RepeatedTest(200)
    void softnetRowsParseBack(final RepetitionInfo repetition)
    {
        final long seed = BASE_SEED + repetition.getCurrentRepetition();
        final Random random = new Random(seed);
        final int width = SOFTNET_WIDTHS[random.nextInt(SOFTNET_WIDTHS.length)];
        final int rows = 1 + random.nextInt(8);
        final long[][] values = new long[rows][width + 1];
        final StringBuilder text = new StringBuilder();
        for (int r = 0; r < rows; r++)
        {
            for (int c = 1; c <= width; c++)
            {
                values[r][c] = c == 13 ? r * 2 : random.nextInt() & 0xFFFF_FFFFL;
                text.append(c > 1 ? " " : "").append(String.format("%08x", values[r][c]));
            }
            text.append('\n');
        }
        final SoftnetStat stat = parseSoftnet(text.toString());
        final String why = "seed " + seed + ":\n" + text;
        assertThat(stat.columns()).as(why).isEqualTo(width);
        for (int r = 0; r < rows; r++)
        {
            final SoftnetCpu cpu = stat.cpus().get(r);
            assertThat(cpu.cpu()).as(why).isEqualTo(width >= 13 ? r * 2 : r);
            assertThat(cpu.processed()).as(why).isEqualTo(values[r][1]);
            assertThat(cpu.dropped()).as(why).isEqualTo(values[r][2]);
            assertThat(cpu.timeSqueeze()).as(why).isEqualTo(values[r][3]);
            assertThat(cpu.receivedRps()).as(why).isEqualTo(width >= 10 ? values[r][10] : SoftnetCpu.ABSENT);
            assertThat(cpu.flowLimitCount()).as(why).isEqualTo(width >= 11 ? values[r][11] : SoftnetCpu.ABSENT);
            assertThat(cpu.backlogLen()).as(why).isEqualTo(width >= 12 ? values[r][12] : SoftnetCpu.ABSENT);
            assertThat(cpu.processQueueLen()).as(why).isEqualTo(width >= 15 ? values[r][15] : SoftnetCpu.ABSENT);
        }
    }

    @RepeatedTest(200)
    void udpRowsParseBack(final RepetitionInfo repetition)
    {
        final long seed = BASE_SEED * 31 + repetition.getCurrentRepetition();
        final Random random = new Random(seed);
        final boolean ipv6 = random.nextBoolean();
        final int rows = random.nextInt(20);
        final List<UdpSocket> expected = new ArrayList<>();
        final StringBuilder text = new StringBuilder(ipv6
            ? "  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops\n"
            : "   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops\n");
        for (int i = 0; i < rows; i++)
        {
            final byte[] local = new byte[ipv6 ? 16 : 4];
            final byte[] remote = new byte[ipv6 ? 16 : 4];
            random.nextBytes(local);
            if (random.nextBoolean())
            {
                random.nextBytes(remote);
            }
            final UdpSocket socket = new UdpSocket(ipv6, local, random.nextInt(65536), remote, random.nextInt(65536),
                random.nextBoolean() ? 7 : 1, random.nextInt() & 0xFFFF_FFFFL, random.nextInt() & 0xFFFF_FFFFL,
                random.nextInt(70000), random.nextLong() & Long.MAX_VALUE, random.nextInt(5),
                random.nextInt() & 0xFFFF_FFFFL);
            expected.add(socket);
            text.append(format(random.nextInt(65536), socket));
        }
        final byte[] data = text.toString().getBytes(StandardCharsets.US_ASCII);
        final List<UdpSocket> parsed = new UdpSocketParser(ByteOrder.LITTLE_ENDIAN).parse(data, data.length, "udp", ipv6);
        assertThat(parsed).as("seed " + seed + ":\n" + text).isEqualTo(expected);
    }

    @RepeatedTest(100)
    void snmpSectionsParseBack(final RepetitionInfo repetition)
    {
        final long seed = BASE_SEED * 17 + repetition.getCurrentRepetition();
        final Random random = new Random(seed);
        final Map<String, Map<String, Long>> expected = new LinkedHashMap<>();
        final StringBuilder text = new StringBuilder();
        final int sections = 1 + random.nextInt(6);
        for (int s = 0; s < sections; s++)
        {
            final String section = "Sec" + s;
            final Map<String, Long> columns = new LinkedHashMap<>();
            final int count = 1 + random.nextInt(25);
            for (int c = 0; c < count; c++)
            {
                columns.put("Col" + c + (char)('A' + random.nextInt(26)), random.nextInt(10) == 0
                    ? -1L : random.nextLong() & Long.MAX_VALUE);
            }
            expected.put(section, columns);
            text.append(section).append(':');
            columns.keySet().forEach(name -> text.append(' ').append(name));
            text.append('\n').append(section).append(':');
            columns.values().forEach(value -> text.append(' ').append(value));
            text.append('\n');
        }
        final byte[] data = text.toString().getBytes(StandardCharsets.US_ASCII);
        assertThat(new SnmpParser().parse(data, data.length, "snmp").sections()).as("seed " + seed + ":\n" + text)
            .isEqualTo(expected);
    }

    @RepeatedTest(100)
    void netDevRowsParseBack(final RepetitionInfo repetition)
    {
        final long seed = BASE_SEED * 13 + repetition.getCurrentRepetition();
        final Random random = new Random(seed);
        final StringBuilder text = new StringBuilder(
            "Inter-|   Receive                                                |  Transmit\n"
                + " face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed\n");
        final Map<String, NetDevInterface> expected = new LinkedHashMap<>();
        final int devices = random.nextInt(6);
        for (int d = 0; d < devices; d++)
        {
            final String name = "veth" + d + (random.nextBoolean() ? "-x" : "");
            final long[] values = new long[16];
            text.append(String.format(Locale.ROOT, "%6s:", name));
            for (int i = 0; i < 16; i++)
            {
                values[i] = random.nextLong();
                text.append(' ').append(Long.toUnsignedString(values[i]));
            }
            text.append('\n');
            expected.put(name, new NetDevInterface(name, values));
        }
        final byte[] data = text.toString().getBytes(StandardCharsets.US_ASCII);
        assertThat(new NetDevParser().parse(data, data.length, "dev")).as("seed " + seed + ":\n" + text)
            .isEqualTo(expected);
    }

    private static String format(final int slot, final UdpSocket socket)
    {
        return String.format(Locale.ROOT, "%5d: %s:%04X %s:%04X %02X %08X:%08X %02X:%08X %08X %5d %8d %d %d %016x %d\n",
            slot, address(socket.localAddressBytes()), socket.localPort(), address(remoteBytes(socket)),
            socket.remotePort(), socket.state(), socket.txQueueBytes(), socket.rxQueueBytes(), 0, 0, 0,
            socket.uid(), 0, socket.inode(), socket.ref(), 0L, socket.drops());
    }

    private static byte[] remoteBytes(final UdpSocket socket)
    {
        return socket.remoteAddress().getAddress();
    }

    /** As the kernel prints it on a little-endian machine: each network-order u32 as a host-order number. */
    private static String address(final byte[] bytes)
    {
        final StringBuilder text = new StringBuilder();
        for (int g = 0; g < bytes.length; g += 4)
        {
            final int value = (bytes[g] & 0xff) | (bytes[g + 1] & 0xff) << 8 | (bytes[g + 2] & 0xff) << 16 |
                (bytes[g + 3] & 0xff) << 24;
            text.append(String.format("%08X", value));
        }
        return text.toString();
    }

    private static SoftnetStat parseSoftnet(final String text)
    {
        final byte[] data = text.getBytes(StandardCharsets.US_ASCII);
        return new SoftnetStatParser().parse(data, data.length, "softnet_stat");
    }
}
