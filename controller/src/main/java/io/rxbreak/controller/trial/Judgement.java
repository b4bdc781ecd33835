package io.rxbreak.controller.trial;

import java.util.List;

/**
 * What {@link TrialJudge} said of a trial: the verdict and why, and where the loss was.
 *
 * @param verdict       PASS, FAIL or INVALID.
 * @param failKind      why a FAIL failed ({@link FailKind#LOST}, or {@link FailKind#FELL_BEHIND}: its backlog grew
 *                      faster than the judge allows although it had lost nothing yet, and a longer trial would lose
 *                      at {@code attribution}'s layer); null unless the verdict is FAIL.
 * @param invalidReason why it is invalid, or null.
 * @param detail        the verdict in words, one line.
 * @param attribution   the layers that lost (and unexplained loss), largest first; for FELL_BEHIND the layer where
 *                      the backlog builds, with no drops and all of the share; empty for a pass.
 */
public record Judgement(Verdict verdict, FailKind failKind, InvalidReason invalidReason, String detail,
    List<LayerLoss> attribution)
{
    /**
     * Copies the attribution; a kind only for a FAIL.
     */
    public Judgement
    {
        attribution = attribution == null ? List.of() : List.copyOf(attribution);
        failKind = verdict == Verdict.FAIL ? failKind : null;
    }
}
