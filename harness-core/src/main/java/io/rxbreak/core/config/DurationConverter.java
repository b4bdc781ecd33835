package io.rxbreak.core.config;

import picocli.CommandLine;

/**
 * picocli converter for options that take a duration ({@code 250ms}, {@code 2s}); the value is nanoseconds.
 */
public final class DurationConverter implements CommandLine.ITypeConverter<Long>
{
    @Override
    public Long convert(final String value)
    {
        try
        {
            return Units.parseDurationNs(value);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new CommandLine.TypeConversionException(ex.getMessage());
        }
    }
}
