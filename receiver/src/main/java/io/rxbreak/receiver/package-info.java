/**
 * The throttleable Netty epoll multicast receiver behind {@code rxbreak receive}: sockets, throttles and exact
 * per-trial accounting.
 */
package io.rxbreak.receiver;
