namespace Hil.Foundation.Processes;

/// <summary>
/// The grandchildren a cancelled run signalled (the test host under `dotnet test`) may outlive their
/// parent: when `dotnet test` ends first, the test host is reparented out of the tree a tree kill
/// reaches, and runs on, starting tests and writing results after the run that started it has
/// exited. The run waits for them as long as its grace period, then kills what is left.
/// </summary>
internal static class Outlivers
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);

    public static async Task StopAsync(IReadOnlyCollection<StartedProcess> signalled, TimeSpan grace, TimeProvider time)
    {
        var started = time.GetTimestamp();
        while (Alive(signalled).Any() && time.GetElapsedTime(started) < grace)
        {
            await Task.Delay(Poll, time).ConfigureAwait(false);
        }

        var killed = StartedProcesses.KillAll(Alive(signalled));
        foreach (var process in killed)
        {
            await Console.Error.WriteLineAsync(
                $"hil: {process} was still running {grace.TotalSeconds:0} s after its run was cancelled: killed").ConfigureAwait(false);
        }
    }

    private static IEnumerable<StartedProcess> Alive(IEnumerable<StartedProcess> processes) =>
        processes.Where(p => ProcessIdentity.IsSame(p.Pid, p.Start));
}
