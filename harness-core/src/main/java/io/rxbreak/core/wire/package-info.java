/**
 * The wire format shared by sender and receiver: a fixed header per datagram, encoded and decoded in place.
 */
package io.rxbreak.core.wire;
