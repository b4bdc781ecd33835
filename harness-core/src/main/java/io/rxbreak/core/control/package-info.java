/**
 * The control protocol between the ramp controller and its agents: HTTP/JSON on Netty's HTTP codec, a bounded
 * client, and Prometheus metrics text.
 */
package io.rxbreak.core.control;
