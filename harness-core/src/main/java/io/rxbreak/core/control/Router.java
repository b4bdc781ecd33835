package io.rxbreak.core.control;

import java.util.concurrent.CompletableFuture;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * Routes requests by method and exact path; an unknown path is a 404 listing the known ones, a known path with
 * another method a 405.
 */
public final class Router implements AgentHandler
{
    private final Map<String, Map<String, AgentHandler>> routes = new LinkedHashMap<>();

    /**
     * A handler whose answer may come later.
     */
    @FunctionalInterface
    public interface LaterHandler
    {
        /**
         * @param request the request.
         * @return the answer, now or later.
         * @throws Exception when the request cannot be served.
         */
        CompletableFuture<AgentResponse> handle(AgentRequest request) throws Exception;
    }

    /**
     * @param path the exact path.
     * @param handler what serves it.
     * @return this router.
     */
    public Router get(final String path, final AgentHandler handler)
    {
        return route("GET", path, handler);
    }

    /**
     * @param path the exact path.
     * @param handler what serves it.
     * @return this router.
     */
    public Router post(final String path, final AgentHandler handler)
    {
        return route("POST", path, handler);
    }

    /**
     * @param path the exact path.
     * @param handler what serves it; its answer may come later (when a trial ends).
     * @return this router.
     */
    public Router postLater(final String path, final LaterHandler handler)
    {
        return route("POST", path, new AgentHandler()
        {
            @Override
            public AgentResponse handle(final AgentRequest request) throws Exception
            {
                return handler.handle(request).get();
            }

            @Override
            public CompletableFuture<AgentResponse> handleLater(final AgentRequest request) throws Exception
            {
                return handler.handle(request);
            }
        });
    }

    private Router route(final String method, final String path, final AgentHandler handler)
    {
        routes.computeIfAbsent(path, p -> new LinkedHashMap<>()).put(method, handler);
        return this;
    }

    @Override
    public boolean servesAtOnce(final AgentRequest request)
    {
        final Map<String, AgentHandler> byMethod = routes.get(request.path());
        final AgentHandler handler = byMethod == null ? null : byMethod.get(request.method());
        return handler != null && handler.servesAtOnce(request);
    }

    @Override
    public AgentResponse handle(final AgentRequest request) throws Exception
    {
        return handleLater(request).get();
    }

    @Override
    public CompletableFuture<AgentResponse> handleLater(final AgentRequest request) throws Exception
    {
        final Map<String, AgentHandler> byMethod = routes.get(request.path());
        if (byMethod == null)
        {
            return CompletableFuture.completedFuture(AgentResponse.error(404, "no such path " + request.path() +
                "; known: " + new TreeSet<>(routes.keySet())));
        }
        final AgentHandler handler = byMethod.get(request.method());
        if (handler == null)
        {
            return CompletableFuture.completedFuture(AgentResponse.error(405, request.method() +
                " is not allowed on " + request.path() + "; use " + byMethod.keySet()));
        }
        return handler.handleLater(request);
    }
}
