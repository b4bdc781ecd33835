package io.rxbreak.receiver;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

import io.rxbreak.core.cli.Main;

/**
 * {@code rxbreak} in a JVM whose kernel refuses io_uring, the way a container's seccomp profile does: a seccomp
 * filter on every thread of this process (and the threads it starts) fails {@code io_uring_setup} with EPERM and
 * allows every other call. Nothing outside this process changes; the filter ends with it. x86-64 Linux only.
 *
 * <pre>
 * WithoutIoUring RXBREAK-ARGS...
 * </pre>
 */
public final class WithoutIoUring
{
    private static final int PR_SET_NO_NEW_PRIVS = 38;
    private static final long SYS_SECCOMP = 317;
    private static final long SYS_IO_URING_SETUP = 425;
    private static final long SECCOMP_SET_MODE_FILTER = 1;
    private static final long SECCOMP_FILTER_FLAG_TSYNC = 1;
    private static final int AUDIT_ARCH_X86_64 = 0xC000003E;
    private static final int SECCOMP_RET_ALLOW = 0x7FFF0000;
    private static final int SECCOMP_RET_ERRNO = 0x00050000;
    private static final int EPERM = 1;
    private static final short BPF_LD_W_ABS = 0x20;
    private static final short BPF_JMP_JEQ_K = 0x15;
    private static final short BPF_RET_K = 0x06;
    /** offsetof(struct seccomp_data, nr) and offsetof(struct seccomp_data, arch). */
    private static final int OFFSET_NR = 0;
    private static final int OFFSET_ARCH = 4;

    private WithoutIoUring()
    {
    }

    static
    {
        Native.register(WithoutIoUring.class, NativeLibrary.getInstance(Platform.C_LIBRARY_NAME));
    }

    private static native int prctl(int option, long arg2, long arg3, long arg4, long arg5) throws LastErrorException;

    private static native long syscall(long number, long operation, long flags, Pointer program)
        throws LastErrorException;

    public static void main(final String[] args)
    {
        if (!Platform.isLinux() || !Platform.isIntel() || !Platform.is64Bit())
        {
            throw new IllegalStateException("the io_uring filter is written for x86-64 Linux, not " + Platform.ARCH);
        }
        denyIoUringSetup();
        Main.main(args);
    }

    private static void denyIoUringSetup()
    {
        // arch x86-64? then io_uring_setup? then EPERM; everything else allowed
        final int[][] program = {
            {BPF_LD_W_ABS, 0, 0, OFFSET_ARCH},
            {BPF_JMP_JEQ_K, 0, 3, AUDIT_ARCH_X86_64},
            {BPF_LD_W_ABS, 0, 0, OFFSET_NR},
            {BPF_JMP_JEQ_K, 0, 1, (int)SYS_IO_URING_SETUP},
            {BPF_RET_K, 0, 0, SECCOMP_RET_ERRNO | EPERM},
            {BPF_RET_K, 0, 0, SECCOMP_RET_ALLOW},
        };
        final Memory filter = new Memory(8L * program.length);
        for (int i = 0; i < program.length; i++)
        {
            filter.setShort(8L * i, (short)program[i][0]);
            filter.setByte(8L * i + 2, (byte)program[i][1]);
            filter.setByte(8L * i + 3, (byte)program[i][2]);
            filter.setInt(8L * i + 4, program[i][3]);
        }
        // struct sock_fprog { unsigned short len; struct sock_filter *filter; }
        final Memory fprog = new Memory(16);
        fprog.clear();
        fprog.setShort(0, (short)program.length);
        fprog.setPointer(8, filter);
        prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
        final long result = syscall(SYS_SECCOMP, SECCOMP_SET_MODE_FILTER, SECCOMP_FILTER_FLAG_TSYNC, fprog);
        if (result != 0)
        {
            throw new IllegalStateException("seccomp could not synchronise thread " + result);
        }
    }
}
