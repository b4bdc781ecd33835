package io.rxbreak.core.counters;

import static io.rxbreak.core.counters.ParseFixtures.snmp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SnmpParserTest
{
    @Test
    void readsEverySectionByHeaderName()
    {
        final SnmpCounters snmp = snmp("real-6.18.txt");
        assertThat(snmp.sections().keySet()).containsExactly("Ip", "Icmp", "IcmpMsg", "Tcp", "Udp", "UdpLite");
        assertThat(snmp.section("Udp").keySet()).containsExactly("InDatagrams", "NoPorts", "InErrors", "OutDatagrams",
            "RcvbufErrors", "SndbufErrors", "InCsumErrors", "IgnoredMulti", "MemErrors");
        assertThat(snmp.value("Tcp", "MaxConn")).isEqualTo(-1);
        assertThat(snmp.value("Ip", "DefaultTTL")).isEqualTo(64);
    }

    @Test
    void absentColumnsAreNullNotZero()
    {
        final SnmpCounters older = snmp("linux-4.19-no-memerrors.txt");
        assertThat(older.value("Udp", "MemErrors")).isNull();
        assertThat(older.value("Udp", "IgnoredMulti")).isEqualTo(88);
        assertThat(older.value("Udp", "RcvbufErrors")).isEqualTo(12340);
        final SnmpCounters oldest = snmp("linux-3.10-no-ignoredmulti.txt");
        assertThat(oldest.value("Udp", "IgnoredMulti")).isNull();
        assertThat(oldest.value("Udp", "RcvbufErrors")).isEqualTo(4294967296L);
        assertThat(oldest.value("Icmp", "InMsgs")).isNull();
        assertThat(oldest.section("Icmp")).isEmpty();
    }

    @Test
    void aMissingValueNamesTheColumn()
    {
        assertThatThrownBy(() -> snmp("malformed-missing-value.txt"))
            .isInstanceOf(MalformedCounterException.class)
            .hasMessageContaining("malformed-missing-value.txt:2")
            .hasMessageContaining("InErrors is missing");
    }

    @Test
    void valuesMustFollowTheirHeader()
    {
        assertThatThrownBy(() -> snmp("malformed-wrong-section.txt"))
            .isInstanceOf(MalformedCounterException.class)
            .hasMessageContaining("malformed-wrong-section.txt:2")
            .hasMessageContaining("expected the values of 'Udp:'");
    }

    @Test
    void valuesMustBeNumbers()
    {
        assertThatThrownBy(() -> snmp("malformed-not-a-number.txt"))
            .isInstanceOf(MalformedCounterException.class)
            .hasMessageContaining("malformed-not-a-number.txt:2")
            .hasMessageContaining("Udp NoPorts as a decimal number");
    }

    /** What the sampler does: read through one reusable buffer; a file that is not there is null, not an error. */
    @Test
    void readsAFileThroughCounterFilesAndAMissingOneIsNull(@org.junit.jupiter.api.io.TempDir final java.nio.file.Path dir)
        throws java.io.IOException
    {
        final java.nio.file.Path file = dir.resolve("netstat");
        java.nio.file.Files.writeString(file, "IpExt: InNoRoutes InTruncatedPkts\nIpExt: 4 0\n");
        final CounterFiles files = new CounterFiles();
        assertThat(new SnmpParser().read(file, files).value("IpExt", "InNoRoutes")).isEqualTo(4);
        assertThat(new SnmpParser().read(dir.resolve("missing"), files)).isNull();
    }
}
