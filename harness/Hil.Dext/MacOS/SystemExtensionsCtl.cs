using Hil.Foundation.Processes;

namespace Hil.Dext.MacOS;

/// <summary>
/// The `systemextensionsctl` command lines the harness uses, and running `list`. Only `list`
/// is safe unattended; `developer on` and `uninstall` need SIP off or developer mode and may
/// wait for a GUI prompt (reference/driverkit.md §4), so they are built here for the CLI and
/// docs but the harness never runs them in a loop. Verified only on a Mac.
/// </summary>
public sealed class SystemExtensionsCtl(string executable = "systemextensionsctl", TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public string Executable { get; } = executable;

    public ProcessCommand List() => new(Executable, "list");

    public ProcessCommand DeveloperOn() => new(Executable, "developer", "on");

    /// <summary>"-" as team ID is accepted by the tool and means any team.</summary>
    public ProcessCommand Uninstall(string? teamId, string bundleId) => new(Executable, "uninstall", teamId ?? "-", bundleId);

    public async Task<IReadOnlyList<SystemExtensionEntry>> ListAsync(CancellationToken cancellationToken)
    {
        var command = List();
        var outcome = await ProcessRunner.RunAsync(command, _time, cancellationToken).ConfigureAwait(false);
        return SystemExtensionsListParser.Parse(outcome.EnsureSuccess().StandardOutput, command.CommandLine);
    }
}
