package io.rxbreak.core.protocol;

import java.util.List;

/**
 * The thread that paces and sends, as the kernel knows it.
 *
 * @param tid its thread id (-1 when the platform cannot tell).
 * @param cpus the CPUs it may run on, as a CPU list, or null when unknown.
 * @param scheduling how it is scheduled: its timer slack and any priority it was given, in words.
 * @param notes what could not be set up, and why.
 */
public record SendingThread(int tid, String cpus, String scheduling, List<String> notes)
{
}
