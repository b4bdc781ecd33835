package io.rxbreak.controller.tune;

/**
 * One sysctl a proposal changes.
 *
 * @param name its dotted name.
 * @param current what the run had, or null when unknown.
 * @param proposed what the proposal sets.
 */
public record ProposedSetting(String name, String current, String proposed)
{
}
