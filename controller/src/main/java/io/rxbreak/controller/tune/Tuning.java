package io.rxbreak.controller.tune;

import java.util.List;

/**
 * What a tuning file set for a run ({@code report.json} {@code tuning}).
 *
 * @param file the tuning file as given.
 * @param settings each setting, in the file's order (an RPS line without a queue once per queue).
 */
public record Tuning(String file, List<TuneSetting> settings)
{
    /**
     * Copies the list.
     */
    public Tuning
    {
        settings = settings == null ? List.of() : List.copyOf(settings);
    }
}
