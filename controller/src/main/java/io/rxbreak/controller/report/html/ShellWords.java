package io.rxbreak.controller.report.html;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A command line as a POSIX shell reads it back: arguments with anything but safe characters single-quoted.
 */
public final class ShellWords
{
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_./=:,%+@^-]+");

    private ShellWords()
    {
    }

    /**
     * @param program  the program, for example {@code rxbreak}.
     * @param arguments its arguments as typed.
     * @return one line a shell runs as the same command.
     */
    public static String join(final String program, final List<String> arguments)
    {
        final StringBuilder line = new StringBuilder(program);
        for (final String argument : arguments)
        {
            line.append(' ').append(quote(argument));
        }
        return line.toString();
    }

    static String quote(final String argument)
    {
        if (!argument.isEmpty() && SAFE.matcher(argument).matches())
        {
            return argument;
        }
        return "'" + argument.replace("'", "'\\''") + "'";
    }
}
