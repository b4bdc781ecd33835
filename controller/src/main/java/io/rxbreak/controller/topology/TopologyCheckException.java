package io.rxbreak.controller.topology;

import java.util.List;

import io.rxbreak.core.config.BadInputException;

/**
 * The topology's agents failed the checks made before anything is measured: one line per agent that does not answer,
 * speaks another protocol version, plays another role, or does not take the groups it should. A bad input (exit
 * code 2): the file or the lab is to be changed.
 */
public final class TopologyCheckException extends BadInputException
{
    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    /**
     * @param problems one line per agent that failed, naming it.
     */
    public TopologyCheckException(final List<String> problems)
    {
        super(problems.size() + " of the topology's agents failed the checks: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    /**
     * @return one line per agent that failed.
     */
    public List<String> problems()
    {
        return problems;
    }
}
