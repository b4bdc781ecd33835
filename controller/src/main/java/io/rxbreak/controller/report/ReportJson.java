package io.rxbreak.controller.report;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.rxbreak.core.control.Json;

/**
 * The JSON mapping of the run folder: rxbreak's one configuration ({@link Json}: layers by label, such as
 * {@code socket-buffer}, nulls kept, since a missing figure says "not measured"), with unknown keys ignored on
 * reading so a newer report still loads.
 */
public final class ReportJson
{
    private ReportJson()
    {
    }

    /**
     * @return the shared mapper (thread-safe once built; do not reconfigure it).
     */
    public static ObjectMapper mapper()
    {
        return Json.TOLERANT;
    }
}
