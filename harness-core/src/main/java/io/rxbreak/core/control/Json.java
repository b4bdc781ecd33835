package io.rxbreak.core.control;

import java.io.IOException;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.rxbreak.core.counters.Layer;

/**
 * The one JSON configuration of rxbreak: the control protocol, every {@code --json} output, the counters' JSON and
 * the run folder. Fields are written in declaration order with nulls kept (a missing figure says "not measured"),
 * a map keyed by {@link Layer} uses the layers' labels ({@code socket-buffer}), an object without properties is
 * {@code {}}, and unknown fields are refused on reading ({@link #MAPPER}: a request or an answer of another
 * shape is an error) or skipped ({@link #TOLERANT}: a file a newer rxbreak wrote still loads).
 * <p>
 * Every mapper and writer here is thread-safe and shared; none may be reconfigured.
 */
public final class Json
{
    /** The protocol's mapper: unknown fields refused on reading. */
    public static final ObjectMapper MAPPER = configured().build();

    /** The same configuration with unknown fields skipped on reading: for files a newer rxbreak may have written. */
    public static final ObjectMapper TOLERANT = configured()
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .build();

    /** {@link #MAPPER}'s writer that indents, for files people read. */
    public static final ObjectWriter PRETTY = MAPPER.writerWithDefaultPrettyPrinter();

    private Json()
    {
    }

    private static JsonMapper.Builder configured()
    {
        return JsonMapper.builder()
            .addModule(layerModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
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

    private static SimpleModule layerModule()
    {
        final SimpleModule module = new SimpleModule("rxbreak-layers");
        module.addKeySerializer(Layer.class, new JsonSerializer<Layer>()
        {
            @Override
            public void serialize(final Layer layer, final JsonGenerator generator, final SerializerProvider provider)
                throws IOException
            {
                generator.writeFieldName(layer.label());
            }
        });
        module.addKeyDeserializer(Layer.class, new KeyDeserializer()
        {
            @Override
            public Object deserializeKey(final String key, final DeserializationContext context) throws IOException
            {
                try
                {
                    return Layer.ofLabel(key);
                }
                catch (final IllegalArgumentException ex)
                {
                    return context.handleWeirdKey(Layer.class, key, "not a layer label");
                }
            }
        });
        return module;
    }
}
