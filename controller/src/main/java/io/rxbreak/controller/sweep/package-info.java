/**
 * {@code rxbreak sweep KNOB=V1,V2,... [ramp options]}: a ramp per value of one knob (the socket buffer, the
 * sockets, the datagram size, the throttle, a sysctl or RPS inside the sandbox), run one after the other through
 * the ramp's own command, and the NDR (and PDR) against the knob: {@code sweep.json}, {@code sweep.csv},
 * {@code sweep.html} and a sentence that says where the NDR stopped moving and which layer broke first there.
 * Threading: the points run on the command's thread; a shutdown hook only marks a signal and waits for the
 * sweep to write what it finished.
 */
package io.rxbreak.controller.sweep;
