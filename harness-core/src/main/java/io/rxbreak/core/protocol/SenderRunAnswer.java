package io.rxbreak.core.protocol;

/**
 * The sender agent's answer to {@code POST /trial/run}, once the trial ended: its report and what the agent's
 * threads cost meanwhile.
 *
 * @param done always true: the trial ended.
 * @param result the trial's report (the final object of {@code rxbreak send --json}).
 * @param sendingThreadCpu the sending thread's CPU use over the trial, or null when unknown.
 * @param agentCpu the CPU use of the agent's other threads over the trial, or null when unknown.
 */
public record SenderRunAnswer(boolean done, SenderTrialReport result, CpuUse sendingThreadCpu, CpuUse agentCpu)
{
}
