/**
 * Network addressing and socket options shared by sender and receiver: groups, interfaces, raw options, and the
 * machine id Netty is given before its first channel.
 */
package io.rxbreak.core.net;
