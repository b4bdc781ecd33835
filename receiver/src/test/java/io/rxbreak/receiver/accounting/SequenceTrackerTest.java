package io.rxbreak.receiver.accounting;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SequenceTrackerTest
{
    /** The simplest model of the rules: a set of everything seen. */
    private static final class Reference
    {
        final Set<Long> seen = new HashSet<>();
        long highest = -1;
        long received, unique, duplicates, outOfOrder, late, lossEvents;

        void on(final long sequence)
        {
            received++;
            if (sequence > highest)
            {
                if (sequence > highest + 1)
                {
                    lossEvents++;
                }
                highest = sequence;
                seen.add(sequence);
                unique++;
            }
            else if (highest - sequence >= SequenceTracker.WINDOW)
            {
                late++;
            }
            else if (!seen.add(sequence))
            {
                duplicates++;
            }
            else
            {
                unique++;
                outOfOrder++;
            }
        }

        long missing()
        {
            long missing = 0;
            for (long s = 0; s <= highest; s++)
            {
                missing += seen.contains(s) ? 0 : 1;
            }
            return missing;
        }
    }

    @Test
    void inOrderHasNoGaps()
    {
        final SequenceTracker tracker = new SequenceTracker(1);
        for (long s = 0; s < 1000; s++)
        {
            tracker.onSequence(s);
        }
        assertThat(tracker.get(SequenceTracker.UNIQUE)).isEqualTo(1000);
        assertThat(tracker.get(SequenceTracker.GAPS)).isZero();
        assertThat(tracker.get(SequenceTracker.OUT_OF_ORDER)).isZero();
    }

    @Test
    void aFilledGapIsNoLongerAGap()
    {
        final SequenceTracker tracker = new SequenceTracker(1);
        tracker.onSequence(0);
        tracker.onSequence(3);
        assertThat(tracker.get(SequenceTracker.GAPS)).isEqualTo(2);
        tracker.onSequence(1);
        tracker.onSequence(1);
        assertThat(tracker.get(SequenceTracker.GAPS)).isEqualTo(1);
        assertThat(tracker.get(SequenceTracker.OUT_OF_ORDER)).isEqualTo(1);
        assertThat(tracker.get(SequenceTracker.DUPLICATES)).isEqualTo(1);
        assertThat(tracker.get(SequenceTracker.LOSS_EVENTS)).isEqualTo(1);
    }

    @Test
    void lostFirstMessagesAndTheTailCountAsGaps()
    {
        final SequenceTracker tracker = new SequenceTracker(1);
        tracker.onSequence(5);
        tracker.onSequence(6);
        tracker.onEnd(10);
        tracker.onEnd(12);
        assertThat(tracker.get(SequenceTracker.GAPS)).isEqualTo(5 + 3);
        assertThat(tracker.isEnded()).isTrue();
        assertThat(tracker.get(SequenceTracker.HIGHEST)).isEqualTo(9);
    }

    @Test
    void hugeJumpsCountWithoutAllocatingAndOldSlotsAreForgotten()
    {
        final SequenceTracker tracker = new SequenceTracker(1);
        tracker.onSequence(0);
        tracker.onSequence(1L << 40);
        assertThat(tracker.get(SequenceTracker.GAPS)).isEqualTo((1L << 40) - 1);
        tracker.onSequence((1L << 40) - 5);
        assertThat(tracker.get(SequenceTracker.OUT_OF_ORDER)).isEqualTo(1);
        tracker.onSequence(3);
        assertThat(tracker.get(SequenceTracker.LATE)).isEqualTo(1);
        assertThat(tracker.get(SequenceTracker.UNIQUE) + tracker.get(SequenceTracker.GAPS))
            .isEqualTo(tracker.get(SequenceTracker.HIGHEST) + 1);
    }

    @Test
    void matchesTheReferenceUnderReorderingDuplicatesAndLoss()
    {
        for (long seed = 1; seed <= 100; seed++)
        {
            final Random random = new Random(seed);
            final List<Long> arrivals = arrivals(random);
            final SequenceTracker tracker = new SequenceTracker(7);
            final Reference reference = new Reference();
            for (final long sequence : arrivals)
            {
                tracker.onSequence(sequence);
                reference.on(sequence);
            }
            final String why = "seed " + seed;
            assertThat(tracker.get(SequenceTracker.RECEIVED)).as(why).isEqualTo(reference.received);
            assertThat(tracker.get(SequenceTracker.UNIQUE)).as(why).isEqualTo(reference.unique);
            assertThat(tracker.get(SequenceTracker.DUPLICATES)).as(why).isEqualTo(reference.duplicates);
            assertThat(tracker.get(SequenceTracker.OUT_OF_ORDER)).as(why).isEqualTo(reference.outOfOrder);
            assertThat(tracker.get(SequenceTracker.LATE)).as(why).isEqualTo(reference.late);
            assertThat(tracker.get(SequenceTracker.LOSS_EVENTS)).as(why).isEqualTo(reference.lossEvents);
            assertThat(tracker.get(SequenceTracker.HIGHEST)).as(why).isEqualTo(reference.highest);
            assertThat(tracker.get(SequenceTracker.UNIQUE) + tracker.get(SequenceTracker.GAPS)).as(why)
                .isEqualTo(reference.highest + 1);
            if (reference.late == 0)
            {
                assertThat(tracker.get(SequenceTracker.GAPS)).as(why).isEqualTo(reference.missing());
            }
        }
    }

    @Test
    void aFreshTrackerHasSeenNothingAndNamesItsStream()
    {
        final SequenceTracker tracker = new SequenceTracker(42);
        assertThat(tracker.streamId()).isEqualTo(42);
        assertThat(tracker.get(SequenceTracker.HIGHEST)).isEqualTo(-1);
        assertThat(tracker.isEnded()).isFalse();
        assertThat(tracker.get(SequenceTracker.ENDED)).isZero();
    }

    @Test
    void eachMessageReturnsTheGapItOpened()
    {
        final SequenceTracker tracker = new SequenceTracker(1);
        assertThat(tracker.onSequence(0)).isZero();
        assertThat(tracker.onSequence(1)).isZero();
        assertThat(tracker.onSequence(5)).isEqualTo(3);
        assertThat(tracker.onSequence(3)).as("a gap filled opens none").isZero();
        assertThat(tracker.onSequence(5)).as("a duplicate opens none").isZero();
        assertThat(tracker.get(SequenceTracker.LOSS_EVENTS)).isEqualTo(1);
    }

    @Test
    void theEndMarkerReturnsTheTailMissingAndCountsOneLossEvent()
    {
        final SequenceTracker tracker = new SequenceTracker(1);
        tracker.onSequence(0);
        tracker.onSequence(1);
        assertThat(tracker.onEnd(7)).isEqualTo(5);
        assertThat(tracker.get(SequenceTracker.LOSS_EVENTS)).isEqualTo(1);
        assertThat(tracker.get(SequenceTracker.GAPS)).isEqualTo(5);
        assertThat(tracker.isEnded()).isTrue();
        assertThat(tracker.onEnd(9)).as("only the first marker counts").isZero();
        assertThat(tracker.get(SequenceTracker.GAPS)).isEqualTo(5);
    }

    @Test
    void anEndMarkerWithNothingMissingAddsNoLossEvent()
    {
        final SequenceTracker tracker = new SequenceTracker(1);
        for (long s = 0; s < 4; s++)
        {
            tracker.onSequence(s);
        }
        assertThat(tracker.onEnd(4)).isZero();
        assertThat(tracker.get(SequenceTracker.LOSS_EVENTS)).isZero();
        assertThat(tracker.get(SequenceTracker.GAPS)).isZero();
        assertThat(tracker.get(SequenceTracker.HIGHEST)).isEqualTo(3);
        assertThat(tracker.isEnded()).isTrue();
    }

    @Test
    void aMessageExactlyOneWindowBelowTheHighestIsLateAndZeroIsNot()
    {
        final SequenceTracker tracker = new SequenceTracker(1);
        tracker.onSequence(1);
        tracker.onSequence(0);
        assertThat(tracker.get(SequenceTracker.OUT_OF_ORDER)).as("sequence 0 below the highest fills a gap").isEqualTo(1);
        assertThat(tracker.get(SequenceTracker.LATE)).isZero();
        tracker.onSequence(1 + SequenceTracker.WINDOW);
        tracker.onSequence(2);
        assertThat(tracker.get(SequenceTracker.OUT_OF_ORDER)).as("WINDOW - 1 below: still told").isEqualTo(2);
        tracker.onSequence(1);
        assertThat(tracker.get(SequenceTracker.LATE)).as("exactly WINDOW below: late").isEqualTo(1);
        assertThat(tracker.get(SequenceTracker.DUPLICATES)).isZero();
    }

    /**
     * Sequence numbers a whole window apart share a bitmap slot: moving the highest forward forgets exactly the
     * slots it passes, so a lost message one window on is still a gap when it comes late, and the numbers still
     * inside the window keep their marks (their repeats are duplicates).
     */
    @Test
    void advancingPastAWindowForgetsExactlyTheSlotsPassed()
    {
        final SequenceTracker tracker = new SequenceTracker(1);
        for (long s = 0; s <= 20; s++)
        {
            tracker.onSequence(s);
        }
        final long far = SequenceTracker.WINDOW + 3;
        tracker.onSequence(far);
        tracker.onSequence(10);
        assertThat(tracker.get(SequenceTracker.DUPLICATES)).as("10 is WINDOW - 7 below, seen").isEqualTo(1);
        tracker.onSequence(SequenceTracker.WINDOW + 1);
        tracker.onSequence(far - 1);
        tracker.onSequence(far);
        assertThat(tracker.get(SequenceTracker.OUT_OF_ORDER)).as("the slots of 1 and 2, passed, hold new numbers")
            .isEqualTo(2);
        assertThat(tracker.get(SequenceTracker.DUPLICATES)).isEqualTo(2);
        assertThat(tracker.get(SequenceTracker.GAPS)).isEqualTo(far - 21 - 2);
        assertThat(tracker.get(SequenceTracker.UNIQUE) + tracker.get(SequenceTracker.GAPS)).isEqualTo(far + 1);
    }

    @Test
    void aStreamLongerThanTheWindowMatchesTheReference()
    {
        for (long seed = 1; seed <= 2; seed++)
        {
            final Random random = new Random(seed);
            final SequenceTracker tracker = new SequenceTracker(1);
            final Reference reference = new Reference();
            final List<Long> pending = new ArrayList<>();
            for (long s = 0; s < 3L * SequenceTracker.WINDOW; s++)
            {
                if (random.nextInt(10) == 0)
                {
                    pending.add(s);
                    continue;
                }
                tracker.onSequence(s);
                reference.on(s);
                if (!pending.isEmpty() && random.nextInt(8) == 0)
                {
                    final long late = pending.remove(0);
                    tracker.onSequence(late);
                    reference.on(late);
                }
                if (random.nextInt(20) == 0)
                {
                    final long again = Math.max(0, s - random.nextInt(64));
                    tracker.onSequence(again);
                    reference.on(again);
                }
            }
            final String why = "seed " + seed;
            assertThat(tracker.get(SequenceTracker.UNIQUE)).as(why).isEqualTo(reference.unique);
            assertThat(tracker.get(SequenceTracker.OUT_OF_ORDER)).as(why).isEqualTo(reference.outOfOrder);
            assertThat(tracker.get(SequenceTracker.GAPS)).as(why).isEqualTo(reference.missing());
        }
    }

    /** The tail that the end marker declares missing is forgotten up to the last sent, and not one slot further. */
    @Test
    void theEndMarkerForgetsTheTailSlotsOnly()
    {
        final SequenceTracker tracker = new SequenceTracker(1);
        for (long s = 0; s < 10; s++)
        {
            tracker.onSequence(s);
        }
        final long sent = SequenceTracker.WINDOW + 1;
        assertThat(tracker.onEnd(sent)).isEqualTo(sent - 10);
        tracker.onSequence(1);
        assertThat(tracker.get(SequenceTracker.DUPLICATES)).as("1 is WINDOW - 1 below the last sent, seen").isEqualTo(1);
        tracker.onSequence(9);
        assertThat(tracker.get(SequenceTracker.DUPLICATES)).as("the highest received before the marker, seen")
            .isEqualTo(2);
        tracker.onSequence(SequenceTracker.WINDOW);
        tracker.onSequence(SequenceTracker.WINDOW - 1);
        assertThat(tracker.get(SequenceTracker.OUT_OF_ORDER)).as("the tail, missing, fills in late").isEqualTo(2);
        assertThat(tracker.get(SequenceTracker.GAPS)).isEqualTo(sent - 10 - 2);
    }

    @Test
    void aNewTrialStartsClean()
    {
        final SocketCounters counters = new SocketCounters();
        final SocketTrials trials = new SocketTrials(() -> 0, counters, System::nanoTime);
        final Accountant accountant = new Accountant(trials, io.rxbreak.core.time.EpochClock.system(), true);
        for (int s = 0; s < 10; s += 2)
        {
            accountant.onMessage(1, 5, 0, s, 0);
        }
        final TrialAccounting first = trials.current();
        accountant.onMessage(1, 6, 0, 0, 0);
        accountant.onMessage(1, 5, 0, 9, 0);
        assertThat(trials.previous()).isSameAs(first);
        assertThat(first.isEnded()).isTrue();
        assertThat(first.streams().get(0).get(SequenceTracker.GAPS)).isEqualTo(4);
        final TrialAccounting second = trials.current();
        assertThat(second.trialId()).isEqualTo(6);
        assertThat(second.streams().get(0).get(SequenceTracker.UNIQUE)).isEqualTo(1);
        assertThat(second.streams().get(0).get(SequenceTracker.GAPS)).isZero();
        assertThat(second.counters().get(TrialAccounting.OTHER_TRIAL)).isEqualTo(1);
    }

    /**
     * Sequences 0..n with loss, local reordering, duplicates, occasional huge jumps and very late stragglers.
     */
    private static List<Long> arrivals(final Random random)
    {
        final List<Long> sent = new ArrayList<>();
        final int n = 1000 + random.nextInt(20_000);
        final double lossRate = random.nextDouble() * 0.3;
        long sequence = 0;
        for (int i = 0; i < n; i++)
        {
            if (random.nextInt(5000) == 0)
            {
                sequence += SequenceTracker.WINDOW + random.nextInt(1 << 20);
            }
            if (random.nextDouble() >= lossRate)
            {
                sent.add(sequence);
                if (random.nextInt(50) == 0)
                {
                    sent.add(sequence);
                }
            }
            sequence++;
        }
        final int reorder = 1 + random.nextInt(200);
        for (int i = 0; i < sent.size(); i++)
        {
            final int j = Math.min(sent.size() - 1, i + random.nextInt(reorder));
            final Long swap = sent.get(i);
            sent.set(i, sent.get(j));
            sent.set(j, swap);
        }
        if (random.nextBoolean() && !sent.isEmpty())
        {
            sent.add(sent.get(0));
            sent.add((long)random.nextInt(100));
        }
        return sent;
    }
}
