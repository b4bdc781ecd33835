package io.rxbreak.controller.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Where the run ran, as the controller found it; any value may be null when unknown.
 *
 * @param kernel               the receiver host's kernel release ({@code uname -r}).
 * @param cpus                 online CPUs of the receiver host, or null.
 * @param jvm                  the JVM (vendor, version).
 * @param interfaceName        the receiving interface ({@code lo} unless the user named one).
 * @param rcvbufRequestedBytes the SO_RCVBUF the receiver asked for, or null.
 * @param rcvbufGrantedBytes   the SO_RCVBUF the kernel granted (read back), or null.
 * @param details              anything else worth keeping (host name, NIC driver, ring sizes...), sorted by key.
 * @param autoTuners           services found running that can change settings during the run (irqbalance, TuneD,
 *                             bpftune); empty when none.
 */
public record Environment(
    String kernel,
    Integer cpus,
    String jvm,
    String interfaceName,
    Long rcvbufRequestedBytes,
    Long rcvbufGrantedBytes,
    Map<String, String> details,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<AutoTuner> autoTuners)
{
    /**
     * Copies the details, sorted and unmodifiable.
     */
    public Environment
    {
        details = details == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(new TreeMap<>(details)));
        autoTuners = autoTuners == null ? List.of() : List.copyOf(autoTuners);
    }

    /**
     * @return an environment with nothing known.
     */
    public static Environment unknown()
    {
        return new Environment(null, null, null, null, null, null, Map.of(), List.of());
    }

    /**
     * @return true when the kernel granted less receive buffer than was asked (it clamps to net.core.rmem_max).
     */
    public boolean rcvbufClamped()
    {
        return rcvbufRequestedBytes != null && rcvbufGrantedBytes != null && rcvbufGrantedBytes < rcvbufRequestedBytes;
    }
}
