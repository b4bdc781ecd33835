/**
 * A ramp over a topology of many agents ({@code rxbreak ramp --topology FILE}): the file and its reader, the agents
 * reached by URL, started over SSH or started here, the trials that drive every sender at once and judge every
 * receiver, the searches that give each receiver its own break point, and what the report says per receiver.
 * The file's format is in docs/topology.md.
 */
package io.rxbreak.controller.topology;
