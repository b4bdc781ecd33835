/**
 * Trials: what a controller asks for and measures, and the judged record with its verdict, its accounting
 * (sent = received + drops per layer + unexplained) and the layers that lost, largest first.
 */
package io.rxbreak.controller.trial;
