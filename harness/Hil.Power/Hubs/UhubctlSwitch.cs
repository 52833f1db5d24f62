using Hil.Foundation;
using Hil.Rigs;

namespace Hil.Power;

/// <summary>
/// A per-port-power hub through uhubctl, bound by hub location (<c>location: 1-1.4</c>).
/// uhubctl exits 0 even when the power request failed (uhubctl.c main), so after every
/// switch the port is read back with a separate <c>uhubctl -l LOC -p N</c> and its flags parsed.
/// </summary>
internal sealed class UhubctlSwitch : PowerSwitchBase, IPowerDriver
{
    private readonly ToolRunner _tool;
    private readonly string _location;

    public UhubctlSwitch(PowerSwitchSpec spec, ToolRunner tool)
        : base(spec, $"hub {spec.Location}")
    {
        _location = string.IsNullOrEmpty(spec.Location)
            ? throw new InputException($"{spec.Where}: power.{spec.Name}.location: a uhubctl hub is bound by its location, e.g. 1-1.4 (see `uhubctl` output)")
            : spec.Location;
        _tool = tool;
    }

    public static string Drives => "uhubctl";

    public override bool CanReadBack => true;

    public static Task<IPowerSwitch> OpenAsync(PowerSwitchSpec spec, DriverContext context, CancellationToken cancellationToken) =>
        Task.FromResult<IPowerSwitch>(new UhubctlSwitch(spec, new ToolRunner(context.Options.Uhubctl, context.Time, context.Options.ToolTimeout)));

    protected override async Task WriteAsync(int channel, bool on, CancellationToken cancellationToken)
    {
        string[] args = ["-l", _location, "-p", Port(channel), "-a", on ? "on" : "off"];
        var command = _tool.CommandLine(args);
        var result = await _tool.RunAsync(args, $"{command} for {Board} channel {channel}", cancellationToken).ConfigureAwait(false);
        if (result.ExitCode != 0)
        {
            throw new RigFaultException($"{Board} channel {channel}: `{command}` exited {result.ExitCode}: {ToolRunner.Said(result)}");
        }

        RefuseSharedLocation(command, result.StandardOutput);
    }

    protected override async Task<bool> ReadHardwareAsync(int channel, CancellationToken cancellationToken)
    {
        string[] args = ["-l", _location, "-p", Port(channel)];
        var command = _tool.CommandLine(args);
        var result = await _tool.RunAsync(args, $"{command} for {Board} channel {channel}", cancellationToken).ConfigureAwait(false);
        if (result.ExitCode != 0)
        {
            throw new RigFaultException($"{Board} vanished: `{command}` exited {result.ExitCode}: {ToolRunner.Said(result)}");
        }

        RefuseSharedLocation(command, result.StandardOutput);
        var port = UhubctlOutput.Parse(result.StandardOutput).LastOrDefault(p => p.Hub == _location && p.Port == channel);
        return port?.PowerOn ?? throw new RigFaultException(
            $"{Board} channel {channel}: `{command}` printed no 'Port {channel}:' line with 'power' or 'off' under 'status for hub {_location}'; output was: {ToolRunner.Said(result)}");
    }

    /// <summary>uhubctl may have switched (or read) any of the hubs at a shared location: never guess which.</summary>
    private void RefuseSharedLocation(string command, string output)
    {
        if (UhubctlOutput.NotUnique(UhubctlOutput.Hubs(output), _location) is { } why)
        {
            throw new RigFaultException($"{Board}: `{command}`: {why}");
        }
    }

    private static string Port(int channel) => channel.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
