/**
 * The Linux calls the JDK does not offer, through JNA's direct mapping: a thread's id, CPU affinity, timer slack and
 * scheduling ({@code Threads}, {@code CpuSet}), {@code recvmmsg} into native memory reused for every call
 * ({@code RecvmmsgBatch}), {@code sendmmsg} from a direct buffer with each datagram to its own destination, over
 * native headers laid out once ({@code SendmmsgBatch}), the scheduler's per-thread accounting
 * ({@code /proc/PID/task/TID/schedstat}, {@code ThreadGroupClock}) and steal time, another process's socket options,
 * the memory a datagram takes, and a wait for this JVM's compiler and collector threads to go quiet. x86-64 and arm64
 * Linux only; elsewhere a call says why it is unavailable.
 * <p>
 * May use: the JDK, JNA, Netty's buffers (the view of a receive batch's payload, the buffer a send batch points
 * into), {@code io.rxbreak.core.config} and {@code io.rxbreak.core.protocol} ({@code CpuUse}, what
 * {@code ThreadGroupClock} reports); nothing outside harness-core. Threading: every static method is safe from any
 * thread, and one that changes a thread says which in its name ({@code current...}) or takes its id; a
 * {@code RecvmmsgBatch} belongs to one reading thread and a {@code SendmmsgBatch} to one sending thread; a
 * {@code ThreadGroupClock}'s {@code start} and {@code stop} are synchronized.
 */
package io.rxbreak.core.os;
