package io.rxbreak.controller.trial;

/**
 * What a trial says about the receiver.
 */
public enum Verdict
{
    /** Every message sent in the measured window was received: nothing was lost at any layer. */
    PASS,
    /** Messages were lost; the record names the layers that lost them, largest first. */
    FAIL,
    /**
     * The trial says nothing about the receiver: the sender missed its target rate, a counter source failed or
     * the accounting does not hold. Never counts as a pass or a fail.
     */
    INVALID
}
