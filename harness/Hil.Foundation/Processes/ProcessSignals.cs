namespace Hil.Foundation.Processes;

/// <summary>kill(2): Process.Kill only sends SIGKILL, and a child deserves SIGINT or SIGTERM first to clean up after itself.</summary>
public static class ProcessSignals
{
    public const int SigInt = 2;
    public const int SigKill = 9;
    public const int SigTerm = 15;

    /// <summary>False when the process is already gone (ESRCH) or not ours.</summary>
    public static bool Send(int pid, int signal) => pid > 0 && Posix.Kill(pid, signal) == 0;
}
