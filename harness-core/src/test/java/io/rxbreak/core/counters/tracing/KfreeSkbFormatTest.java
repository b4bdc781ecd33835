package io.rxbreak.core.counters.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rxbreak.testsupport.Fixtures;
import org.junit.jupiter.api.Test;

/**
 * The kfree_skb format file of three kernels: the reason names and the field offsets come from the file, so the same
 * name has different numbers and the same field different offsets, and a kernel without the field says why.
 */
class KfreeSkbFormatTest
{
    @Test
    void linux618NamesEveryReasonFromThePrintFormat()
    {
        final KfreeSkbFormat format = KfreeSkbFormat.parse(Fixtures.text("/fixtures/tracing/kfree_skb-format-6.18.txt"));
        assertThat(format.id()).isEqualTo(2310);
        assertThat(format.typeOffset()).isZero();
        assertThat(format.locationOffset()).isEqualTo(16);
        assertThat(format.protocolOffset()).isEqualTo(32);
        assertThat(format.reasonOffset()).isEqualTo(36);
        assertThat(format.reasonNames()).hasSize(127).containsEntry(2, "NOT_SPECIFIED").containsEntry(3, "NO_SOCKET")
            .containsEntry(16, "IP_RPFILTER").containsEntry(12, "NETFILTER_DROP").containsEntry(11, "UDP_CSUM")
            .containsEntry(71, "CPU_BACKLOG").containsEntry(128, "MAX");
        assertThat(format.name(6)).isEqualTo("SOCKET_RCVBUFF");
        assertThat(format.name(999)).isEqualTo("reason 999");
        assertThat(format.minimumRecordBytes()).isEqualTo(40);
    }

    @Test
    void linux61HasOtherNumbersAndOffsets()
    {
        final KfreeSkbFormat format = KfreeSkbFormat.parse(Fixtures.text("/fixtures/tracing/kfree_skb-format-6.1.txt"));
        assertThat(format.protocolOffset()).isEqualTo(24);
        assertThat(format.reasonOffset()).isEqualTo(28);
        assertThat(format.name(11)).isEqualTo("IP_RPFILTER");
        assertThat(format.name(15)).isEqualTo("SOCKET_RCVBUFF");
        assertThat(format.minimumRecordBytes()).isEqualTo(32);
    }

    @Test
    void linux515HasNoReasonAndSaysSo()
    {
        assertThatThrownBy(() -> KfreeSkbFormat.parse(Fixtures.text("/fixtures/tracing/kfree_skb-format-5.15.txt")))
            .isInstanceOf(IllegalStateException.class).hasMessage(
                "skb:kfree_skb has no reason field on this kernel (added in Linux 5.17)");
    }

    @Test
    void aFieldOfAnUnexpectedSizeIsRefused()
    {
        final String text = Fixtures.text("/fixtures/tracing/kfree_skb-format-6.18.txt")
            .replace("reason;\toffset:36;\tsize:4;", "reason;\toffset:36;\tsize:2;");
        assertThatThrownBy(() -> KfreeSkbFormat.parse(text)).hasMessageContaining("reason field has 2 bytes, expected 4");
    }
}
