/**
 * {@code rxbreak compare}: several runs' break points and attributions side by side, changes from the first.
 */
package io.rxbreak.controller.report.compare;
