/**
 * The agent protocol's records, shared by the agents that write them and the controller that reads them.
 */
package io.rxbreak.core.protocol;
