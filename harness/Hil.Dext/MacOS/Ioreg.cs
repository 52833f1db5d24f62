using CliWrap;

namespace Hil.Dext.MacOS;

/// <summary>The two ioreg queries the harness runs: dext processes by class, driver services by name.</summary>
public sealed class Ioreg(string executable = "ioreg")
{
    public string Executable { get; } = executable;

    /// <summary>`ioreg -l -w0 -r -c IOUserServer`: one node per dext process.</summary>
    public Command UserServers() => Cli.Wrap(Executable).WithArguments(["-l", "-w0", "-r", "-c", "IOUserServer"]);

    /// <summary>`ioreg -l -w0 -r -n NAME`: the kernel names a dext service after its IOUserClass.</summary>
    public Command ServicesNamed(string name) => Cli.Wrap(Executable).WithArguments(["-l", "-w0", "-r", "-n", name]);

    public async Task<IReadOnlyList<IoUserServer>> UserServersAsync(CancellationToken cancellationToken) =>
        IoregParser.ParseUserServers(await CliRun.StdoutAsync(UserServers(), cancellationToken).ConfigureAwait(false));

    public async Task<IReadOnlyList<IoregNode>> ServicesNamedAsync(string name, CancellationToken cancellationToken) =>
        IoregParser.ParseNodes(await CliRun.StdoutAsync(ServicesNamed(name), cancellationToken).ConfigureAwait(false));
}
