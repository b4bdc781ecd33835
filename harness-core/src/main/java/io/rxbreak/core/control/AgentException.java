package io.rxbreak.core.control;

/**
 * A request an agent refuses, with the HTTP status to answer and the reason; or, on the client side, an agent
 * that answered with an error or did not answer at all (status 0).
 */
public class AgentException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    private final int status;

    public AgentException(final int status, final String reason)
    {
        super(reason);
        this.status = status;
    }

    public AgentException(final int status, final String reason, final Throwable cause)
    {
        super(reason, cause);
        this.status = status;
    }

    /**
     * @return the HTTP status, or 0 when the agent could not be reached or did not answer in time.
     */
    public int status()
    {
        return status;
    }
}
