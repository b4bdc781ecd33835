/**
 * The {@code rxbreak} command line: the root command, exit codes, one-line errors, and the service interface
 * ({@link io.rxbreak.core.cli.RxbreakCommand}, found through {@link java.util.ServiceLoader}) through which every
 * module contributes its subcommands; {@link io.rxbreak.core.cli.Main} is the only caller of {@code System.exit}.
 * <p>
 * May use: picocli and {@code io.rxbreak.core.config} ({@code BadInputException} becomes exit code 2). It never names
 * a subcommand's class: the sender, receiver and controller plug in through their service files, so harness-core does
 * not depend on them. Threading: a command line from {@code Rxbreak.newCommandLine} parses and executes on the
 * calling thread (the main thread in production) and is not shared; {@code ExitCodes} holds constants only.
 */
package io.rxbreak.core.cli;
