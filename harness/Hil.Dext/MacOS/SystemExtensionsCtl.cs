using CliWrap;

namespace Hil.Dext.MacOS;

/// <summary>
/// The `systemextensionsctl` command lines the harness uses, and running `list`. Only `list`
/// is safe unattended; `developer on` and `uninstall` need SIP off or developer mode and may
/// wait for a GUI prompt (reference/driverkit.md §4), so they are built here for the CLI and
/// docs but the harness never runs them in a loop. Verified only on a Mac.
/// </summary>
public sealed class SystemExtensionsCtl(string executable = "systemextensionsctl")
{
    public string Executable { get; } = executable;

    public Command List() => Cli.Wrap(Executable).WithArguments(["list"]);

    public Command DeveloperOn() => Cli.Wrap(Executable).WithArguments(["developer", "on"]);

    /// <summary>"-" as team ID is accepted by the tool and means any team.</summary>
    public Command Uninstall(string? teamId, string bundleId) =>
        Cli.Wrap(Executable).WithArguments(["uninstall", teamId ?? "-", bundleId]);

    public async Task<IReadOnlyList<SystemExtensionEntry>> ListAsync(CancellationToken cancellationToken)
    {
        var command = List();
        var output = await CliRun.StdoutAsync(command, cancellationToken).ConfigureAwait(false);
        return SystemExtensionsListParser.Parse(output, CliRun.Describe(command));
    }
}
