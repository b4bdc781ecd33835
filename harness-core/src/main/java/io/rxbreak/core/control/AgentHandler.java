package io.rxbreak.core.control;

/**
 * What an agent does with one request. Throw {@link AgentException} for a request to refuse (4xx with the
 * reason); any other exception is a 500 with its message.
 */
@FunctionalInterface
public interface AgentHandler
{
    /**
     * @param request the request, body read.
     * @return the answer.
     * @throws Exception when the request cannot be served.
     */
    AgentResponse handle(AgentRequest request) throws Exception;
}
