package io.rxbreak.core.timeline;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The first line of a recording file, as written: {@code {"recording": {...}}}, so that it cannot be mistaken for
 * a sample line.
 *
 * @param recording the header.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record RecordingLine(RecordingHeader recording)
{
}
