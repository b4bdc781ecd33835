/**
 * The Linux calls the JDK does not offer, through JNA: a thread's id, CPU affinity, timer slack and scheduling,
 * {@code recvmmsg} into memory reused for every call, and the scheduler's per-thread accounting
 * ({@code /proc/PID/task/TID/schedstat}). Uses only the JDK and JNA; every method is safe from any thread, and one
 * that changes a thread says which thread in its name ({@code current...}) or takes its id.
 */
package io.rxbreak.core.os;
