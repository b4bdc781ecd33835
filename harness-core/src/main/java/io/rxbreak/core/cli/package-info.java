/**
 * The {@code rxbreak} command line: the root command, exit codes, one-line errors, and the service interface
 * through which every module contributes its subcommands.
 */
package io.rxbreak.core.cli;
