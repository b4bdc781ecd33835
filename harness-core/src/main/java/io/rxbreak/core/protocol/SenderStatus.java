package io.rxbreak.core.protocol;

/**
 * The sender agent's {@code GET /status}: what it is and does now.
 *
 * @param role {@link AgentApi#SENDER}.
 * @param protocolVersion {@link AgentApi#PROTOCOL_VERSION}.
 * @param state {@code idle} or {@code running}.
 * @param trialId the current or last trial, or null before the first.
 * @param setup what the sender opened.
 */
public record SenderStatus(String role, int protocolVersion, String state, Integer trialId, SenderSetup setup)
{
    /** The state between trials. */
    public static final String IDLE = "idle";
    /** The state while a trial runs. */
    public static final String RUNNING = "running";

    /**
     * @param running whether a trial runs now.
     * @param trialId the current or last trial, or null before the first.
     * @param setup what the sender opened.
     * @return this version's status of a sender agent.
     */
    public static SenderStatus of(final boolean running, final Integer trialId, final SenderSetup setup)
    {
        return new SenderStatus(AgentApi.SENDER, AgentApi.PROTOCOL_VERSION, running ? RUNNING : IDLE, trialId, setup);
    }
}
