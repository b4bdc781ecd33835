package io.rxbreak.core.control;

import java.io.IOException;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The one JSON mapper of rxbreak's control protocol and JSON output: unknown fields in requests are refused,
 * dates are never written as timestamps of a particular zone.
 */
public final class Json
{
    /** Shared, thread-safe once configured. */
    public static final ObjectMapper MAPPER = JsonMapper.builder()
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
        .build();

    private Json()
    {
    }

    /**
     * @param value any value Jackson can write.
     * @return its JSON bytes.
     */
    public static byte[] toBytes(final Object value)
    {
        try
        {
            return MAPPER.writeValueAsBytes(value);
        }
        catch (final JsonProcessingException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * @param value any value Jackson can write.
     * @return its JSON text on one line.
     */
    public static String toLine(final Object value)
    {
        try
        {
            return MAPPER.writeValueAsString(value);
        }
        catch (final JsonProcessingException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * @param ex a binding failure.
     * @return what was wrong, for a person, without Jackson's internals.
     */
    public static String describe(final IOException ex)
    {
        if (ex instanceof UnrecognizedPropertyException)
        {
            final UnrecognizedPropertyException unknown = (UnrecognizedPropertyException)ex;
            return "unknown field '" + unknown.getPropertyName() + "'; known: " + unknown.getKnownPropertyIds();
        }
        if (ex instanceof JsonProcessingException)
        {
            return ((JsonProcessingException)ex).getOriginalMessage();
        }
        return ex.getMessage();
    }
}
