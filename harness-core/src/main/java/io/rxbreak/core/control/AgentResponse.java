package io.rxbreak.core.control;

import java.nio.charset.StandardCharsets;

import io.rxbreak.core.protocol.ErrorAnswer;

/**
 * What an agent answers.
 *
 * @param status the HTTP status.
 * @param contentType the body's media type.
 * @param body the body.
 */
public record AgentResponse(int status, String contentType, byte[] body)
{
    /** The media type of JSON answers. */
    public static final String JSON = "application/json";
    /** The media type of Prometheus's text exposition format. */
    public static final String PROMETHEUS = "text/plain; version=0.0.4; charset=utf-8";

    /**
     * @param value any value Jackson can write.
     * @return 200 with the value as JSON.
     */
    public static AgentResponse json(final Object value)
    {
        return new AgentResponse(200, JSON, Json.toBytes(value));
    }

    /**
     * @param status a 4xx or 5xx status.
     * @param reason why, in words.
     * @return the status with {@code {"error": reason, "status": status}} ({@link ErrorAnswer}).
     */
    public static AgentResponse error(final int status, final String reason)
    {
        return new AgentResponse(status, JSON, Json.toBytes(new ErrorAnswer(reason, status)));
    }

    /**
     * @param contentType the media type.
     * @param text the body.
     * @return 200 with the text.
     */
    public static AgentResponse text(final String contentType, final String text)
    {
        return new AgentResponse(200, contentType, text.getBytes(StandardCharsets.UTF_8));
    }
}
