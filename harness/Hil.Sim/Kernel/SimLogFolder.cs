namespace Hil.Sim;

/// <summary>
/// Where a sim kernel's hosts write their stderr logs. Under <c>$HIL_SIM_LOGS</c> when it is set
/// (`hil run` sets it to the run's results, `hil faults` to its own folder), so the logs belong to the
/// run; otherwise in a temporary folder that the kernel removes when it is disposed after a clean
/// life (no crash, no failed placement) and keeps, naming it in its log, when something went wrong.
/// A kernel given <see cref="SimKernelOptions.LogDirectory"/> uses that and keeps it.
/// </summary>
public sealed record SimLogFolder(string Path, bool Temporary)
{
    public const string Variable = "HIL_SIM_LOGS";

    internal static SimLogFolder For(SimKernelOptions options, int kernel)
    {
        if (options.LogDirectory is { } given)
        {
            return new SimLogFolder(given, Temporary: false);
        }

        var name = $"hil-sim-logs-{Environment.ProcessId}-{kernel}";
        return Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } root
            ? new SimLogFolder(System.IO.Path.Combine(System.IO.Path.GetFullPath(root), name), Temporary: false)
            : new SimLogFolder(System.IO.Path.Combine(System.IO.Path.GetTempPath(), name), Temporary: true);
    }

    /// <summary>Removes a temporary folder after a clean life; returns a line for the kernel's log when it keeps one.</summary>
    internal string? Close(bool clean)
    {
        if (!Temporary || !Directory.Exists(Path))
        {
            return null;
        }

        if (!clean)
        {
            return $"sim host logs kept in {Path} (a host crashed or failed; set {Variable} to keep them with the run's results)";
        }

        Directory.Delete(Path, recursive: true);
        return null;
    }
}
