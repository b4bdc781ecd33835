/**
 * The throttleable multicast receiver behind {@code rxbreak receive}: its command and configuration, the sockets, and
 * the reading paths (recvmmsg through JNA by default, one reading thread per socket; Netty epoll or io_uring on
 * request). Sub-packages: {@code throttle} (how it is slowed), {@code accounting} (what it took), {@code agent} (the
 * HTTP agent a controller drives).
 * <p>
 * May use: harness-core and Netty. Threading: each socket has one reading thread (or one event loop) that owns its
 * reader, throttle and sequence trackers; the command's or agent's thread only starts, stops and reads results.
 */
package io.rxbreak.receiver;
