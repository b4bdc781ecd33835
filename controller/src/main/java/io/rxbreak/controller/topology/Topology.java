package io.rxbreak.controller.topology;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A topology file, read and checked ({@link TopologyReader}): the agents of a ramp over many hosts and the
 * environment variable holding their token.
 *
 * @param file     where it was read from.
 * @param tokenEnv the environment variable the controller reads the agents' token from.
 * @param agents   the agents, in the file's order.
 */
public record Topology(Path file, String tokenEnv, List<TopologyAgent> agents)
{
    /** The token's environment variable when the file names none (the agents read the same one). */
    public static final String DEFAULT_TOKEN_ENV = "RXBREAK_AGENT_TOKEN";
    /** Where an agent started over SSH listens when the file does not say: every address, a port of its choosing. */
    public static final String DEFAULT_LISTEN = "0.0.0.0:0";

    /**
     * Copies the list.
     */
    public Topology
    {
        agents = List.copyOf(agents);
    }

    /**
     * @return the sender agents, in the file's order.
     */
    public List<TopologyAgent> senders()
    {
        return of(TopologyAgent.Role.SENDER);
    }

    /**
     * @return the receiver agents, in the file's order.
     */
    public List<TopologyAgent> receivers()
    {
        return of(TopologyAgent.Role.RECEIVER);
    }

    /**
     * @return the token from {@link #tokenEnv()}, or null when unset or empty.
     */
    public String token()
    {
        final String token = System.getenv(tokenEnv);
        return token == null || token.isEmpty() ? null : token;
    }

    private List<TopologyAgent> of(final TopologyAgent.Role role)
    {
        final List<TopologyAgent> found = new ArrayList<>();
        for (final TopologyAgent agent : agents)
        {
            if (agent.role() == role)
            {
                found.add(agent);
            }
        }
        return found;
    }
}
