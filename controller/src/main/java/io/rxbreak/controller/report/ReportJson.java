package io.rxbreak.controller.report;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.rxbreak.core.counters.Layer;

/**
 * The one JSON mapping of the run folder: layers by label ({@code socket-buffer}), nulls kept (a missing figure
 * says "not measured"), unknown keys ignored on reading so a newer report still loads.
 */
public final class ReportJson
{
    private static final ObjectMapper MAPPER = JsonMapper.builder()
        .addModule(layerModule())
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
        .build();

    private ReportJson()
    {
    }

    /**
     * @return the shared mapper (thread-safe once built; do not reconfigure it).
     */
    public static ObjectMapper mapper()
    {
        return MAPPER;
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
