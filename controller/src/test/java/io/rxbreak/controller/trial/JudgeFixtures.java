package io.rxbreak.controller.trial;

/**
 * The judge tests' common trial: 100,000 msgs/s for 5 s after 1 s of warm-up (a window of 6 s).
 */
final class JudgeFixtures
{
    static final TrialRequest REQUEST =
        new TrialRequest(7, 1, TrialPhase.REFINE, "ndr", 100_000, 1_000_000_000L, 5_000_000_000L, 1_000_000_000L);

    private JudgeFixtures()
    {
    }

    /**
     * @return a result of the request's rate, with these counts.
     */
    static TrialResult.Builder sent(final long sent, final long received)
    {
        return TrialResult.builder().achievedRate(100_000).sent(sent).received(received);
    }
}
