package io.rxbreak.core.config;

import picocli.CommandLine;

/**
 * picocli converter for options that take a size ({@code 4MiB}, {@code 1400}); the value is bytes.
 */
public final class ByteSizeConverter implements CommandLine.ITypeConverter<Long>
{
    @Override
    public Long convert(final String value)
    {
        try
        {
            return Units.parseBytes(value);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new CommandLine.TypeConversionException(ex.getMessage());
        }
    }
}
