/**
 * Configuration shared by every command: durations and sizes with units, parsed and formatted in one place
 * ({@code Units}), their picocli converters, and {@code BadInputException}, the one-line error that names the option
 * or file to change (exit code 2).
 * <p>
 * May use: the JDK and picocli only; it depends on no other rxbreak package, so every package may use it.
 * Threading: stateless static methods and stateless converters, safe from any thread.
 */
package io.rxbreak.core.config;
