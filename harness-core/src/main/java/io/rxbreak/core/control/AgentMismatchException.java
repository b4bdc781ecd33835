package io.rxbreak.core.control;

/**
 * An agent that answered, but plays another role or speaks another version of the protocol than this side (or
 * states none): nothing it says can be trusted to mean what this side reads. The message names the agent's URL and
 * both versions, in one line.
 */
public final class AgentMismatchException extends AgentException
{
    private static final long serialVersionUID = 1L;

    /**
     * @param reason what differs, naming the agent.
     */
    public AgentMismatchException(final String reason)
    {
        super(200, reason);
    }
}
