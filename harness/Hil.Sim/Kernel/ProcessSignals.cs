namespace Hil.Sim;

/// <summary>The sim's name for Foundation's kill(2) wrapper, kept so the kernel's callers read as before.</summary>
internal static class ProcessSignals
{
    public const int SigKill = Foundation.Processes.ProcessSignals.SigKill;
    public const int SigTerm = Foundation.Processes.ProcessSignals.SigTerm;

    /// <summary>False when the process is already gone (ESRCH) or not ours.</summary>
    public static bool Send(int pid, int signal) => Foundation.Processes.ProcessSignals.Send(pid, signal);
}
