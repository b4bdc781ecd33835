/**
 * Configuration shared by every command: durations and sizes with units, parsed in one place.
 */
package io.rxbreak.core.config;
