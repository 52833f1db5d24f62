using System.Runtime.InteropServices;

namespace Hil.Foundation.Processes;

/// <summary>The few POSIX calls .NET does not expose: signals other than SIGKILL, open(2) without following links, flock, _exit.</summary>
internal static partial class Posix
{
    public const int LockExclusive = 2;
    public const int LockNonBlocking = 4;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    public static partial int Kill(int pid, int signal);

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Open(string path, int flags, int mode);

    [LibraryImport("libc", EntryPoint = "flock", SetLastError = true)]
    public static partial int Flock(int fd, int operation);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);

    [LibraryImport("libc", EntryPoint = "geteuid")]
    public static partial uint GetEffectiveUserId();

    /// <summary>Ends the process at once: no finalizers, no ProcessExit handlers (the forced path of a second signal).</summary>
    [LibraryImport("libc", EntryPoint = "_exit")]
    public static partial void ExitNow(int code);

    /// <summary>
    /// lstat through .NET's own native shim, whose <see cref="FileStatus"/> has one layout on every Unix
    /// (libc's struct stat differs by OS and architecture).
    /// </summary>
    [LibraryImport("libSystem.Native", EntryPoint = "SystemNative_LStat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int LStat(string path, out FileStatus status);

    /// <summary>Open flags differ by OS and, for O_NOFOLLOW, by architecture on Linux.</summary>
    public static int OpenLockFlags()
    {
        const int readWrite = 2;
        if (OperatingSystem.IsMacOS())
        {
            return readWrite | 0x200 /* O_CREAT */ | 0x100 /* O_NOFOLLOW */ | 0x1000000 /* O_CLOEXEC */;
        }

        var noFollow = RuntimeInformation.ProcessArchitecture is Architecture.Arm64 or Architecture.Arm ? 0x8000 : 0x20000;
        return readWrite | 0x40 /* O_CREAT */ | noFollow | 0x80000 /* O_CLOEXEC */;
    }

    /// <summary>The head of System.Native's FileStatus; the padding covers the fields after it.</summary>
    [StructLayout(LayoutKind.Sequential, Size = 256)]
    public struct FileStatus
    {
        public int Flags;
        public int Mode;
        public uint Uid;
        public uint Gid;
    }
}
