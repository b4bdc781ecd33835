/**
 * Send schedules: pure functions from a message's index to the time it is due, which the tests check exactly.
 */
package io.rxbreak.sender.schedule;
