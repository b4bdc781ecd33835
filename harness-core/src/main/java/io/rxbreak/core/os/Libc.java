package io.rxbreak.core.os;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

/**
 * The C library's functions, direct-mapped (one JNI call each, no reflection per call). Only x86-64 and arm64
 * Linux; elsewhere {@link #UNAVAILABLE} says why and nothing here may be called.
 */
final class Libc
{
    /** Why the calls cannot be used here, or null when they can. */
    static final String UNAVAILABLE;
    /** SYS_gettid on this architecture. */
    static final long SYS_GETTID;
    /** SYS_sched_setattr on this architecture. */
    static final long SYS_SCHED_SETATTR;
    /** SYS_pidfd_open (the same on x86-64 and arm64). */
    static final long SYS_PIDFD_OPEN = 434;
    /** SYS_pidfd_getfd (the same on x86-64 and arm64). */
    static final long SYS_PIDFD_GETFD = 438;

    static
    {
        String reason = null;
        long gettid = -1;
        long setattr = -1;
        if (!Platform.isLinux())
        {
            reason = "not Linux";
        }
        else if (Platform.isARM() && Platform.is64Bit())
        {
            gettid = 178;
            setattr = 274;
        }
        else if (Platform.isIntel() && Platform.is64Bit())
        {
            gettid = 186;
            setattr = 314;
        }
        else
        {
            reason = "only x86-64 and arm64 Linux are supported (this is " + Platform.ARCH + ")";
        }
        if (reason == null)
        {
            try
            {
                Native.register(Libc.class, NativeLibrary.getInstance(Platform.C_LIBRARY_NAME));
            }
            catch (final LinkageError ex)
            {
                reason = "JNA could not load the C library: " + ex.getMessage();
            }
        }
        UNAVAILABLE = reason;
        SYS_GETTID = gettid;
        SYS_SCHED_SETATTR = setattr;
    }

    private Libc()
    {
    }

    static native long syscall(long number) throws LastErrorException;

    static native long syscall(long number, long a1, Pointer a2, long a3) throws LastErrorException;

    static native long syscall(long number, long a1, long a2, long a3) throws LastErrorException;

    static native int sched_setaffinity(int pid, long cpusetsize, byte[] mask) throws LastErrorException;

    static native int sched_getaffinity(int pid, long cpusetsize, byte[] mask) throws LastErrorException;

    static native int prctl(int option, long arg2, long arg3, long arg4, long arg5) throws LastErrorException;

    /** Fails with -1 and the error in {@link Native#getLastError()}: no exception per empty read. */
    static native int recvmmsg(int fd, Pointer msgvec, int vlen, int flags, Pointer timeout);

    /**
     * Fails with -1 and the error in {@link Native#getLastError()}: no exception per full socket buffer.
     * {@code msgvec} is the address of the first {@code struct mmsghdr} (a long, so that sending from the middle of an
     * array makes no {@link Pointer}).
     */
    static native int sendmmsg(int fd, long msgvec, int vlen, int flags);

    static native int fcntl(int fd, int cmd, int arg) throws LastErrorException;

    static native int socket(int domain, int type, int protocol) throws LastErrorException;

    static native int bind(int fd, Pointer addr, int addrlen) throws LastErrorException;

    static native int getsockname(int fd, Pointer addr, int[] addrlen) throws LastErrorException;

    static native long sendto(int fd, Pointer buf, long len, int flags, Pointer addr, int addrlen)
        throws LastErrorException;

    static native int getsockopt(int fd, int level, int optname, Pointer optval, int[] optlen) throws LastErrorException;

    static native int close(int fd) throws LastErrorException;

    static native int open(String path, int flags) throws LastErrorException;

    static native long read(int fd, Pointer buf, long count) throws LastErrorException;

    static native int setsockopt(int fd, int level, int optname, Pointer optval, int optlen) throws LastErrorException;
}
