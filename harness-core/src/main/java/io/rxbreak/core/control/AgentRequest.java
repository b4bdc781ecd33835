package io.rxbreak.core.control;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One request to an agent, with its body already read in whole (bodies are size-limited).
 *
 * @param method the HTTP method, upper case.
 * @param path the path without the query, like {@code /trial/start}.
 * @param query the query parameters.
 * @param body the request body; empty when there is none.
 */
public record AgentRequest(String method, String path, Map<String, List<String>> query, byte[] body)
{
    /**
     * @return the body parsed as JSON; an empty body is an empty object.
     * @throws AgentException 400 naming the problem when the body is not JSON.
     */
    public JsonNode json()
    {
        if (body.length == 0)
        {
            return Json.MAPPER.createObjectNode();
        }
        try
        {
            return Json.MAPPER.readTree(body);
        }
        catch (final IOException ex)
        {
            throw new AgentException(400, "the body is not valid JSON: " + Json.describe(ex));
        }
    }

    /**
     * @param type what the body must be.
     * @param <T> the type.
     * @return the body bound to that type; unknown fields are refused.
     * @throws AgentException 400 naming the problem.
     */
    public <T> T bodyAs(final Class<T> type)
    {
        try
        {
            return Json.MAPPER.treeToValue(json(), type);
        }
        catch (final IOException ex)
        {
            throw new AgentException(400, "bad request body: " + Json.describe(ex));
        }
    }
}
