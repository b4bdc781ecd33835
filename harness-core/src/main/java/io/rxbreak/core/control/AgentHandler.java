package io.rxbreak.core.control;

import java.util.concurrent.CompletableFuture;

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

    /**
     * The answer may come later (a long poll): the server writes it when the future completes, and serves other
     * requests meanwhile. By default the answer is {@link #handle}'s, at once.
     *
     * @param request the request, body read.
     * @return the answer, now or later.
     * @throws Exception when the request cannot be served.
     */
    default CompletableFuture<AgentResponse> handleLater(final AgentRequest request) throws Exception
    {
        return CompletableFuture.completedFuture(handle(request));
    }

    /**
     * Whether the server may serve this request at once on its I/O thread, ahead of the worker's queue: only for a
     * handler that never blocks and answers in a few microseconds, whose answer is worth more the sooner it is
     * taken ({@link ClockHandler}). No by default.
     *
     * @param request the request.
     * @return true to be served on the I/O thread.
     */
    default boolean servesAtOnce(final AgentRequest request)
    {
        return false;
    }
}
