using System.Runtime.InteropServices;

namespace Hil.Sim;

/// <summary>kill(2): Process.Kill only sends SIGKILL, and a sim host deserves SIGTERM first to unlink its sockets and shm.</summary>
internal static partial class ProcessSignals
{
    public const int SigKill = 9;
    public const int SigTerm = 15;

    /// <summary>False when the process is already gone (ESRCH) or not ours.</summary>
    public static bool Send(int pid, int signal) => pid > 0 && Kill(pid, signal) == 0;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
