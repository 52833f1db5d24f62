using System.Runtime.InteropServices;

namespace Hil.Sim.Relays;

/// <summary>The POSIX calls a pseudo-terminal needs (Linux and macOS libc).</summary>
internal static partial class LibC
{
    private const string Lib = "libc";

    public const short PollIn = 0x1;
    public const int EIntr = 4;
    public const int EAgain = 11;

    public static int ORdWr => 2;

    public static int ONoCtty => OperatingSystem.IsMacOS() ? 0x20000 : 0x100;

    [LibraryImport(Lib, SetLastError = true)]
    internal static partial int posix_openpt(int flags);

    [LibraryImport(Lib, SetLastError = true)]
    internal static partial int grantpt(int fd);

    [LibraryImport(Lib, SetLastError = true)]
    internal static partial int unlockpt(int fd);

    [LibraryImport(Lib, SetLastError = true)]
    internal static partial int ptsname_r(int fd, [Out] byte[] buffer, nuint length);

    [LibraryImport(Lib, EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int Open(string path, int flags);

    [LibraryImport(Lib, EntryPoint = "close", SetLastError = true)]
    internal static partial int Close(int fd);

    [LibraryImport(Lib, EntryPoint = "read", SetLastError = true)]
    internal static partial nint Read(int fd, [Out] byte[] buffer, nuint count);

    [LibraryImport(Lib, EntryPoint = "write", SetLastError = true)]
    internal static partial nint Write(int fd, [In] byte[] buffer, nuint count);

    [LibraryImport(Lib, EntryPoint = "poll", SetLastError = true)]
    internal static partial int Poll(ref PollFd fds, nuint count, int timeoutMs);

    [LibraryImport(Lib, SetLastError = true)]
    internal static partial int tcgetattr(int fd, [Out] byte[] termios);

    [LibraryImport(Lib, SetLastError = true)]
    internal static partial int tcsetattr(int fd, int when, [In] byte[] termios);

    [LibraryImport(Lib)]
    internal static partial void cfmakeraw([In, Out] byte[] termios);

    public static void Check(int result, string call)
    {
        if (result < 0)
        {
            throw new IOException($"{call} failed: errno {Marshal.GetLastPInvokeError()} ({Marshal.GetLastPInvokeErrorMessage()})");
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    internal struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }
}
