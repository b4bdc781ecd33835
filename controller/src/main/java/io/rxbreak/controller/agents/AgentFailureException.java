package io.rxbreak.controller.agents;

/**
 * A sender or receiver agent died, stopped answering, or refused what the controller asked: the run cannot go
 * on. The message says which agent and why, with its last output when it was a local one.
 */
public final class AgentFailureException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    public AgentFailureException(final String message)
    {
        super(message);
    }

    public AgentFailureException(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}
