package io.rxbreak.controller.agents;

/**
 * An agent that could not be started (a local child JVM, or one started over SSH): the message says why, with its
 * last output.
 */
public final class AgentStartException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    private final int exitCode;
    private final String lastLine;

    AgentStartException(final String message, final int exitCode, final String lastLine)
    {
        super(message);
        this.exitCode = exitCode;
        this.lastLine = lastLine;
    }

    /**
     * @return the exit code of the process that started the agent (the agent's JVM, or ssh, which passes on the
     *     remote command's or gives 255 for its own failure), or -1 when it was still running (and was killed).
     */
    public int exitCode()
    {
        return exitCode;
    }

    /**
     * @return the last line it printed (the agent's one-line error, when it refused its options), or null.
     */
    public String lastLine()
    {
        return lastLine;
    }
}
