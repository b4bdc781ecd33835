/**
 * Scenarios ({@code rxbreak scenario run}, {@code list}): a customer's loss written down as a YAML file (the feed,
 * the receiver, the host, the search and the goal that must hold), read by {@code ScenarioReader} with every key
 * checked, translated by {@code ScenarioRamp} into the ramp's own arguments and run through the ramp's own command
 * (so that every default and every validation is the ramp's), and judged against its goal ({@code ScenarioVerdict}).
 * <p>
 * May use: the controller's ramp command and its report package (the run folder, the console's lines, the JUnit
 * writer), harness-core (cli, config, protocol), Jackson's YAML module and picocli. Nothing here sends or receives:
 * the ramp does. Threading: everything runs on the command's thread; a run blocks on the ramp, which handles SIGINT
 * and SIGTERM itself.
 */
package io.rxbreak.controller.scenario;
