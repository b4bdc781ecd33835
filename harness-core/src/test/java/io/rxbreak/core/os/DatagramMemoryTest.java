package io.rxbreak.core.os;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DatagramMemoryTest
{
    @Test
    void aDatagramTakesMoreBufferThanItsPayloadAndLargerOnesTakeMore()
    {
        final long small = DatagramMemory.truesizeBytes(64);
        final long large = DatagramMemory.truesizeBytes(1400);

        assertThat(small).isGreaterThan(64);
        assertThat(large).isGreaterThan(1400).isGreaterThan(small);
        assertThat(DatagramMemory.bufferDatagrams(212_992, 1400)).isEqualTo(212_992 / large);
        assertThat(DatagramMemory.bufferDatagrams(1, 1400)).isEqualTo(1);
    }
}
