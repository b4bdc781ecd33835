package io.rxbreak.controller.agents;

import java.util.function.Supplier;

import io.rxbreak.core.control.AgentException;
import io.rxbreak.core.control.AgentMismatchException;

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

    /**
     * One call to an agent, its failure told the same way for both roles: an agent of another protocol as it said;
     * a local agent that exited with its last output; any other failure with the agent's role.
     *
     * @param role    {@code sender} or {@code receiver}.
     * @param local   the local agent, or null for a remote one.
     * @param request the call.
     * @param <T>     what it answers.
     * @return the answer.
     * @throws AgentFailureException when the call failed.
     */
    static <T> T calling(final String role, final LocalAgent local, final Supplier<T> request)
    {
        try
        {
            return request.get();
        }
        catch (final AgentMismatchException ex)
        {
            throw new AgentFailureException(ex.getMessage(), ex);
        }
        catch (final AgentException ex)
        {
            if (local != null && (ex.status() == 0 ? local.exitedWithin(LocalAgent.EXIT_GRACE) : !local.isAlive()))
            {
                throw new AgentFailureException(local.describeFailure(), ex);
            }
            throw new AgentFailureException("the " + role + " agent failed: " + ex.getMessage(), ex);
        }
    }
}
