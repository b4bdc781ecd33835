package io.rxbreak.controller;

import org.junit.jupiter.api.Test;

import io.rxbreak.core.config.BadInputException;
import io.rxbreak.core.os.CpuSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PlacementTest
{
    @Test
    void onTwoCpusTheReceiverHasOneAndTheHarnessTheOther()
    {
        final Placement placement = Placement.decide(CpuSet.parse("0-1", "x"), null, null, null, false, null);

        assertThat(placement.receiver()).isEqualTo(CpuSet.of(1));
        assertThat(placement.sender()).isEqualTo(CpuSet.of(0));
        assertThat(placement.controller()).isEqualTo(CpuSet.of(0));
        assertThat(placement.harnessSharesReceiverCpus()).isFalse();
        assertThat(placement.senderSharesReceiverCpus()).isFalse();
        assertThat(placement.describe()).isEqualTo("controller CPU 0, sender agent CPU 0, receiving threads CPU 1");
    }

    @Test
    void onFourCpusTheSenderGetsOneOfItsOwn()
    {
        final Placement placement = Placement.decide(CpuSet.parse("0-3", "x"), null, null, null, false, null);

        assertThat(placement.receiver()).isEqualTo(CpuSet.of(3));
        assertThat(placement.sender()).isEqualTo(CpuSet.of(2));
        assertThat(placement.controller()).isEqualTo(CpuSet.parse("0-1", "x"));
    }

    @Test
    void onOneCpuEverythingSharesItAndSaysSo()
    {
        final Placement placement = Placement.decide(CpuSet.of(0), null, null, null, false, null);

        assertThat(placement.harnessSharesReceiverCpus()).isTrue();
        assertThat(placement.senderSharesReceiverCpus()).isTrue();
    }

    @Test
    void anObservedApplicationKeepsItsCpusOrCountsAsAnywhere()
    {
        final Placement pinned = Placement.decide(CpuSet.parse("0-3", "x"), null, null, null, true, CpuSet.of(1));
        final Placement anywhere = Placement.decide(CpuSet.parse("0-3", "x"), null, null, null, true, null);

        assertThat(pinned.receiver()).isEqualTo(CpuSet.of(1));
        assertThat(pinned.sender().intersects(CpuSet.of(1))).isFalse();
        assertThat(pinned.controller().intersects(CpuSet.of(1))).isFalse();
        assertThat(anywhere.receiver()).isNull();
        assertThat(anywhere.harnessSharesReceiverCpus()).isFalse();
        assertThat(anywhere.describe()).contains("the observed application is not pinned");
    }

    @Test
    void givenSetsAreKeptAndCheckedAgainstTheAllowedCpus()
    {
        final Placement placement = Placement.decide(CpuSet.parse("0-3", "x"), CpuSet.of(0), CpuSet.of(2, 3),
            CpuSet.of(1), false, null);

        assertThat(placement.chosen()).isFalse();
        assertThat(placement.receiver().toString()).isEqualTo("2-3");
        assertThatThrownBy(() -> Placement.decide(CpuSet.of(0, 1), CpuSet.of(5), null, null, false, null))
            .isInstanceOf(BadInputException.class).hasMessageContaining("--sender-cpus");
    }
}
