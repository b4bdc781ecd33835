package io.rxbreak.core.counters.cli;

import java.io.UncheckedIOException;
import java.util.function.Supplier;

import io.rxbreak.core.config.BadInputException;
import io.rxbreak.core.counters.MalformedCounterException;

/**
 * What the counters subcommands share: turning a malformed file into a one-line bad-input error.
 */
final class Commands
{
    private Commands()
    {
    }

    /**
     * @param action reads counters.
     * @param what the option or argument that named the files, for the message.
     * @return its result.
     * @throws BadInputException when a file is malformed or cannot be read.
     */
    static <T> T read(final Supplier<T> action, final String what)
    {
        try
        {
            return action.get();
        }
        catch (final MalformedCounterException ex)
        {
            throw new BadInputException(ex.getMessage() + " (fix the file or choose another " + what + ")", ex);
        }
        catch (final UncheckedIOException ex)
        {
            throw new BadInputException(ex.getMessage() + " (choose another " + what + ")", ex);
        }
    }
}
