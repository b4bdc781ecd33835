/**
 * The search for the break point: ramp, recheck, binary refinement, step down and confirmation of the no-drop (and
 * partial-drop) rate over trials that a {@link io.rxbreak.controller.search.TrialRunner} runs. {@code GoalSearch}
 * decides the next trial from the history alone; {@code RampSearch} runs it, has {@code TrialJudge} judge it and
 * tells the {@code SearchListener}.
 * <p>
 * May use: {@code io.rxbreak.controller.trial}, {@code io.rxbreak.core.config} and Jackson annotations only: pure
 * logic, no I/O, no clock, no agents; the runner and the listener bring whatever touches the world. Threading: a
 * {@code RampSearch} and its {@code RateHistory} are not thread-safe: the thread that calls {@code run()} also calls
 * the runner and the listener, and interrupting it stops the search between trials; the configuration and the
 * results are immutable.
 */
package io.rxbreak.controller.search;
