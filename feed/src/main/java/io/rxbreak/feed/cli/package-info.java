/**
 * The {@code rxbreak feed} command and its {@code inspect} subcommand: a feed's profile as text for people or as JSON.
 * <p>
 * May use: {@code io.rxbreak.feed}, harness-core's {@code cli} and {@code control} ({@code Json}), picocli and Jackson.
 * Nothing depends on it: the root command finds it through
 * {@code META-INF/services/io.rxbreak.core.cli.RxbreakCommand}. Threading: each command runs on the thread picocli
 * executes it on.
 */
package io.rxbreak.feed.cli;
