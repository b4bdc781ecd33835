/**
 * Network addressing and socket options shared by sender and receiver: groups, interfaces, raw options.
 */
package io.rxbreak.core.net;
