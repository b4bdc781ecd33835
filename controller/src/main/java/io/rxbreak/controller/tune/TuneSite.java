package io.rxbreak.controller.tune;

/**
 * Where a setting of a tuning file was applied.
 */
public enum TuneSite
{
    /** Inside the sandbox's network namespace: deleting the namespace undoes it. */
    SANDBOX,
    /** On the host ({@code --tune-host}): restored from the state file kept before the write. */
    HOST
}
