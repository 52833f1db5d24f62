using System.Text.RegularExpressions;
using Hil.Foundation;
using Hil.Rigs;

namespace Hil.Power;

/// <summary>
/// Yepkit YKUSH boards through ykushcmd, bound by board serial (<c>serial: YK12345</c>, or
/// <c>ykush3:YK12345</c> / <c>ykushxs:…</c> for the other models). YKUSH prints
/// "Downstream port N is ON|OFF", YKUSH3 prints "Port N ON|OFF" (relays.md §5); both are read.
/// </summary>
internal sealed partial class YkushSwitch : PowerSwitchBase, IPowerDriver
{
    private readonly ToolRunner _tool;
    private readonly string _model;
    private readonly string _serial;

    public YkushSwitch(PowerSwitchSpec spec, ToolRunner tool)
        : base(spec, $"ykush {spec.Serial ?? spec.Location}")
    {
        var id = spec.Serial ?? spec.Location;
        if (string.IsNullOrEmpty(id))
        {
            throw new InputException($"{spec.Where}: power.{spec.Name}.serial: a YKUSH board is bound by its serial (see `ykushcmd -l`), optionally prefixed ykush3: or ykushxs:");
        }

        var colon = id.IndexOf(':', StringComparison.Ordinal);
        (_model, _serial) = colon < 0 ? ("ykush", id) : (id[..colon], id[(colon + 1)..]);
        if (!YkushOutput.PortsByModel.TryGetValue(_model, out var ports))
        {
            throw new InputException($"{spec.Where}: power.{spec.Name}.serial: '{_model}:' is not a YKUSH model; expected ykush:, ykush3: or ykushxs:");
        }

        if (spec.Channels > ports)
        {
            // ykushcmd answers a port it does not have with "Downstream port 0 is OFF" (Yepkit/ykush#8): refuse before asking.
            throw new InputException($"{spec.Where}: power.{spec.Name}.channels: {spec.Channels}, but a {_model} board has {ports} downstream port(s)");
        }

        _tool = tool;
    }

    public static string Drives => "ykush";

    public override bool CanReadBack => true;

    public static Task<IPowerSwitch> OpenAsync(PowerSwitchSpec spec, DriverContext context, CancellationToken cancellationToken) =>
        Task.FromResult<IPowerSwitch>(new YkushSwitch(spec, new ToolRunner(context.Options.Ykushcmd, context.Time, context.Options.ToolTimeout)));

    protected override async Task WriteAsync(int channel, bool on, CancellationToken cancellationToken) =>
        await RunAsync(channel, on ? "-u" : "-d", cancellationToken).ConfigureAwait(false);

    protected override async Task<bool> ReadHardwareAsync(int channel, CancellationToken cancellationToken)
    {
        var (command, output) = await RunAsync(channel, "-g", cancellationToken).ConfigureAwait(false);
        var m = PortState().Match(output);
        if (!m.Success || m.Groups[1].Value != channel.ToString(System.Globalization.CultureInfo.InvariantCulture))
        {
            throw new RigFaultException(
                $"{Board} channel {channel}: `{command}` printed no 'Downstream port {channel} is ON|OFF' or 'Port {channel} ON|OFF' line; output was: {ToolRunner.Said(output)}");
        }

        return m.Groups[2].Value == "ON";
    }

    private async Task<(string Command, string Output)> RunAsync(int channel, string verb, CancellationToken cancellationToken)
    {
        string[] args = [_model, "-s", _serial, verb, channel.ToString(System.Globalization.CultureInfo.InvariantCulture)];
        var command = _tool.CommandLine(args);
        var result = await _tool.RunAsync(args, $"{command} for {Board} channel {channel}", cancellationToken).ConfigureAwait(false);
        if (result.ExitCode != 0)
        {
            throw new RigFaultException($"{Board} channel {channel}: `{command}` exited {result.ExitCode}: {ToolRunner.Said(result)}");
        }

        if (YkushOutput.Failure(result.StandardOutput + result.StandardError) is { } said)
        {
            throw new RigFaultException(
                $"{Board} channel {channel}: `{command}` exited 0 but said '{said}': the board was not reached " +
                $"(permissions, or another program holds it); output was: {ToolRunner.Said(result)}");
        }

        return (command, result.StandardOutput);
    }

    [GeneratedRegex(@"(?:Downstream port |Port )(\d+)(?: is)? (ON|OFF)")]
    private static partial Regex PortState();
}
