/**
 * The search for the break point: ramp, binary refinement and confirmation of the no-drop (and partial-drop)
 * rate over trials that a {@link io.rxbreak.controller.search.TrialRunner} runs; pure logic, no I/O.
 */
package io.rxbreak.controller.search;
