package io.rxbreak.core.counters;

import static io.rxbreak.core.counters.ParseFixtures.dev;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

class NetDevParserTest
{
    @Test
    void readsEveryInterface()
    {
        final Map<String, NetDevInterface> dev = dev("kernel-format-veth.txt");
        assertThat(dev.keySet()).containsExactly("lo", "veth-rx0", "eth0");
        assertThat(dev.get("lo").rxBytes()).isEqualTo(123456789012L);
        final NetDevInterface veth = dev.get("veth-rx0");
        assertThat(veth.rxPackets()).isEqualTo(50000);
        assertThat(veth.rxErrors()).isEqualTo(1);
        assertThat(veth.rxDropped()).isEqualTo(7);
        assertThat(veth.rxFifo()).isEqualTo(3);
        assertThat(veth.rxMulticast()).isEqualTo(49000);
        assertThat(veth.txPackets()).isEqualTo(10);
        assertThat(dev.get("eth0").values()[0]).isEqualTo(-1L); // u64 max kept as its bit pattern
        assertThat(dev.get("eth0").values()[15]).isEqualTo(15);
    }

    @Test
    void readsThisMachinesRealFile()
    {
        assertThat(dev("real-6.18.txt")).containsKeys("lo", "eth0");
    }

    @Test
    void aShortRowNamesTheInterface()
    {
        assertThatThrownBy(() -> dev("malformed-short-row.txt"))
            .isInstanceOf(MalformedCounterException.class)
            .hasMessageContaining("malformed-short-row.txt:3")
            .hasMessageContaining("16 counters for lo, found 13");
    }

    @Test
    void aValueOver64BitsIsAnErrorNotAWrap()
    {
        final String text = "Inter-|\n face |\n  lo: 18446744073709551616 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0\n";
        final byte[] data = text.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> new NetDevParser().parse(data, data.length, "dev"))
            .isInstanceOf(MalformedCounterException.class)
            .hasMessageContaining("dev:3: expected rxBytes of lo as a decimal number that fits 64 bits");
    }
}
