package io.rxbreak.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * pcapng's {@code if_tsresol} units converted to nanoseconds exactly (rounded down), powers of ten and of two.
 */
class TimestampResolutionTest
{
    @Test
    void powersOfTenFromSecondsToAttoseconds()
    {
        assertThat(TimestampResolution.ofTsresol(0).toNanos(3)).isEqualTo(3_000_000_000L);
        assertThat(TimestampResolution.ofTsresol(6).toNanos(1_500_001)).isEqualTo(1_500_001_000L);
        assertThat(TimestampResolution.ofTsresol(9).toNanos(42)).isEqualTo(42);
        assertThat(TimestampResolution.ofTsresol(12).toNanos(1_999)).isEqualTo(1);
        assertThat(TimestampResolution.ofTsresol(18).toNanos(-1L)).isEqualTo(18_446_744_073L);
        assertThat(TimestampResolution.ofTsresol(12).label()).isEqualTo("10^-12 s");
    }

    @Test
    void powersOfTwoKeepEveryBitOfTheFraction()
    {
        assertThat(TimestampResolution.ofTsresol(0x80).toNanos(2)).isEqualTo(2_000_000_000L);
        assertThat(TimestampResolution.ofTsresol(0x80 | 20).toNanos((5L << 20) + (1L << 19))).isEqualTo(5_500_000_000L);
        // one 2^-32 s tick is 0.23 ns; 2^31 of them half a second
        assertThat(TimestampResolution.ofTsresol(0x80 | 32).toNanos((7L << 32) + (1L << 31) + 5))
            .isEqualTo(7_500_000_001L);
        assertThat(TimestampResolution.ofTsresol(0x80 | 63).toNanos(Long.MAX_VALUE)).isEqualTo(999_999_999L);
        assertThat(TimestampResolution.ofTsresol(0x80 | 20).label()).isEqualTo("2^-20 s");
    }

    @Test
    void unitsFinerThanALongHoldsAreRefused()
    {
        assertThat(TimestampResolution.supported(19)).isFalse();
        assertThat(TimestampResolution.supported(0x80 | 64)).isFalse();
        assertThatThrownBy(() -> TimestampResolution.ofTsresol(19)).isInstanceOf(IllegalArgumentException.class);
    }
}
