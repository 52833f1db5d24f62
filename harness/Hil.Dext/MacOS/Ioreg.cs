using Hil.Foundation.Processes;

namespace Hil.Dext.MacOS;

/// <summary>The two ioreg queries the harness runs: dext processes by class, driver services by name.</summary>
public sealed class Ioreg(string executable = "ioreg", TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public string Executable { get; } = executable;

    /// <summary>`ioreg -l -w0 -r -c IOUserServer`: one node per dext process.</summary>
    public ProcessCommand UserServers() => new(Executable, "-l", "-w0", "-r", "-c", "IOUserServer");

    /// <summary>`ioreg -l -w0 -r -n NAME`: the kernel names a dext service after its IOUserClass.</summary>
    public ProcessCommand ServicesNamed(string name) => new(Executable, "-l", "-w0", "-r", "-n", name);

    public async Task<IReadOnlyList<IoUserServer>> UserServersAsync(CancellationToken cancellationToken) =>
        IoregParser.ParseUserServers(await StdoutAsync(UserServers(), cancellationToken).ConfigureAwait(false));

    public async Task<IReadOnlyList<IoregNode>> ServicesNamedAsync(string name, CancellationToken cancellationToken) =>
        IoregParser.ParseNodes(await StdoutAsync(ServicesNamed(name), cancellationToken).ConfigureAwait(false));

    private async Task<string> StdoutAsync(ProcessCommand command, CancellationToken cancellationToken) =>
        (await ProcessRunner.RunAsync(command, _time, cancellationToken).ConfigureAwait(false)).EnsureSuccess().StandardOutput;
}
