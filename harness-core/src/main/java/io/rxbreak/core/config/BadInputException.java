package io.rxbreak.core.config;

/**
 * Input that the user must change: an option value, a file, a missing privilege. The command line prints its
 * message as one line and exits with {@link ExitCodes#BAD_INPUT}; the message names what to change.
 */
public class BadInputException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    public BadInputException(final String message)
    {
        super(message);
    }

    public BadInputException(final String message, final Throwable cause)
    {
        super(message, cause);
    }

    /**
     * @param option the option to change, as typed, for example {@code --rate}.
     * @param problem what is wrong with it and what is expected.
     * @return the exception, for {@code throw}.
     */
    public static BadInputException option(final String option, final String problem)
    {
        return new BadInputException(option + ": " + problem);
    }
}
