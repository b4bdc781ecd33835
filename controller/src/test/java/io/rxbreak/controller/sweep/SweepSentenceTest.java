package io.rxbreak.controller.sweep;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sentence a sweep ends with: where the NDR stops moving, that it did not move, that it fell, that it still
 * moved at the last value, and what it leaves out.
 */
class SweepSentenceTest
{
    private static final SweepKnob RCVBUF = SweepKnob.parse("rcvbuf=4MiB,208KiB,1MiB,8MiB", false);

    private static SweepPoint point(final String value, final Long ndr, final String layer, final Long granted)
    {
        final SweepValue parsed = RCVBUF.values().stream().filter(v -> v.text().equals(value)).findFirst().get();
        return new SweepPoint(value, parsed.numeric(), ndr == null ? PointStatus.FAILED : PointStatus.COMPLETE,
            ndr == null ? 4 : 0, ndr, null, layer, 100, 1.0, granted, "rcvbuf=" + value, 10.0);
    }

    @Test
    void risesThenNoLongerMovesAndNamesTheLayerThere()
    {
        // given in another order than the values': the sentence reads them by value
        final List<SweepPoint> points = List.of(point("4MiB", 31_000L, "application", 8_388_608L),
            point("208KiB", 18_000L, "socket-buffer", 425_984L), point("1MiB", 26_000L, "socket-buffer", 2_097_152L),
            point("8MiB", 31_400L, "application", 16_777_216L));

        assertThat(SweepSentence.of(RCVBUF, points, 0.02)).isEqualTo("raising rcvbuf from 208KiB to 4MiB moved the "
            + "NDR from 18,000 to 31,000 msgs/s; above 4MiB it no longer moves (within twice the ramp's precision, "
            + "4%): the application layer breaks first");
    }

    @Test
    void aBufferTheKernelClampedIsSaid()
    {
        final List<SweepPoint> points = List.of(point("208KiB", 1_500L, "socket-buffer", 425_984L),
            point("1MiB", 3_000L, "socket-buffer", 2_097_152L), point("4MiB", 3_100L, "socket-buffer", 2_097_152L),
            point("8MiB", 3_000L, "socket-buffer", 2_097_152L));

        assertThat(SweepSentence.of(RCVBUF, points, 0.05)).isEqualTo("raising rcvbuf from 208KiB to 1MiB moved the "
            + "NDR from 1,500 to 3,000 msgs/s; above 1MiB it no longer moves (within twice the ramp's precision, "
            + "10%): the socket-buffer layer breaks first, and the kernel granted each of these the same buffer, "
            + "2MiB (net.core.rmem_max caps it; --rcvbuf-force passes it)");
    }

    @Test
    void didNotMoveFellAndStillMoving()
    {
        final List<SweepPoint> flat = List.of(point("208KiB", 20_000L, "application", null),
            point("1MiB", 20_300L, "application", null), point("8MiB", 19_900L, "application", null));
        assertThat(SweepSentence.of(RCVBUF, flat, 0.02)).isEqualTo("the NDR did not move with rcvbuf from 208KiB "
            + "to 8MiB: 20,000 to 19,900 msgs/s, within twice the ramp's precision, 4%; the application layer breaks "
            + "first");

        final List<SweepPoint> fell = List.of(point("208KiB", 30_000L, "socket-buffer", null),
            point("1MiB", 20_000L, "global-udp-memory", null), point("8MiB", 20_100L, "global-udp-memory", null));
        assertThat(SweepSentence.of(RCVBUF, fell, 0.02)).startsWith("raising rcvbuf from 208KiB to 1MiB lowered the "
            + "NDR from 30,000 to 20,000 msgs/s; above 1MiB it no longer moves");

        final List<SweepPoint> rising = List.of(point("208KiB", 5_000L, "socket-buffer", null),
            point("1MiB", 10_000L, "socket-buffer", null), point("8MiB", 40_000L, "socket-buffer", null));
        assertThat(SweepSentence.of(RCVBUF, rising, 0.02)).isEqualTo("raising rcvbuf from 208KiB to 8MiB moved the "
            + "NDR from 5,000 to 40,000 msgs/s, and it still moved at the last step (rose from 10,000 at 1MiB): the "
            + "socket-buffer layer breaks first at 8MiB; sweep further to see where it stops");
    }

    @Test
    void pointsWithoutAnNdrAreLeftOutAndSaidSo()
    {
        final List<SweepPoint> points = new ArrayList<>(List.of(point("208KiB", 5_000L, "socket-buffer", null),
            point("1MiB", null, null, null)));
        assertThat(SweepSentence.of(RCVBUF, points, 0.02)).isEqualTo("only rcvbuf=208KiB found an NDR (5,000 "
            + "msgs/s): nothing to compare (1 point without an NDR left out)");
        points.remove(0);
        assertThat(SweepSentence.of(RCVBUF, points, 0.02)).isEqualTo("no point found an NDR: nothing to read "
            + "against rcvbuf (1 point without an NDR left out)");
    }
}
