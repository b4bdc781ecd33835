package io.rxbreak.controller.trial;

/**
 * Why a trial FAILed: what the attribution, the console, HTML, CSV and JSON read, never the verdict's sentence.
 */
public enum FailKind
{
    /** Messages were lost; the attribution names the layers that counted them and any unexplained loss. */
    LOST,
    /**
     * Nothing was lost yet, but the receiver fell behind the offered load faster than the judge allows
     * ({@code --max-backlog-growth}): a longer trial would lose, at the layer where its backlog builds.
     */
    FELL_BEHIND
}
