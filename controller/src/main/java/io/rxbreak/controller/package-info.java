/**
 * The ramp controller's machinery: local agents in child processes, the private-namespace sandbox, and the trial
 * runner that drives sender and receiver agents through the control protocol only.
 */
package io.rxbreak.controller;
