package io.rxbreak.controller.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JacksonException;
import io.rxbreak.controller.trial.TrialRecord;

/**
 * The trials read back from a {@code trials.jsonl}: every complete line, and how many bytes of a cut last line
 * (a crash in the middle of an append) were left out.
 *
 * @param trials           the complete trials, in the order run.
 * @param ignoredTailBytes bytes after the last complete line that did not hold a complete trial, 0 when none.
 */
public record TrialsFile(List<TrialRecord> trials, long ignoredTailBytes)
{
    /**
     * Copies the list.
     */
    public TrialsFile
    {
        trials = List.copyOf(trials);
    }

    /**
     * Read a {@code trials.jsonl}. A line ended by a newline must hold a trial (else the file is damaged and this
     * throws, naming the line); the text after the last newline is a trial only if it parses completely, and is
     * otherwise a cut line that is left out.
     *
     * @param file the file.
     * @return its trials.
     * @throws IOException when it cannot be read or a complete line is damaged.
     */
    public static TrialsFile read(final Path file) throws IOException
    {
        final byte[] bytes = Files.readAllBytes(file);
        final List<TrialRecord> trials = new ArrayList<>();
        int start = 0;
        int lineNumber = 0;
        for (int i = 0; i < bytes.length; i++)
        {
            if (bytes[i] == '\n')
            {
                lineNumber++;
                if (i > start)
                {
                    try
                    {
                        trials.add(ReportJson.mapper().readValue(bytes, start, i - start, TrialRecord.class));
                    }
                    catch (final JacksonException ex)
                    {
                        throw new IOException(file + " line " + lineNumber + " is damaged: "
                            + ex.getOriginalMessage(), ex);
                    }
                }
                start = i + 1;
            }
        }
        long ignored = 0;
        if (start < bytes.length)
        {
            final String tail = new String(bytes, start, bytes.length - start, StandardCharsets.UTF_8);
            final TrialRecord last = parseOrNull(tail);
            if (last != null)
            {
                trials.add(last);
            }
            else
            {
                ignored = bytes.length - start;
            }
        }
        return new TrialsFile(trials, ignored);
    }

    private static TrialRecord parseOrNull(final String text)
    {
        if (text.isBlank())
        {
            return null;
        }
        try
        {
            return ReportJson.mapper().readValue(text, TrialRecord.class);
        }
        catch (final JacksonException ex)
        {
            return null;
        }
    }
}
