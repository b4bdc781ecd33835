/**
 * The exactly paced multicast sender: an engine that opens its sockets once and runs trials, and the
 * {@code rxbreak send} command that wraps it.
 */
package io.rxbreak.sender;
