using System.CommandLine;
using System.Runtime.InteropServices;
using Hil.Power;
using Hil.Rigs;
using Hil.Sim.Relays;

namespace Hil.Cli.Commands;

/// <summary>
/// `hil power on|off|cycle|status --rig FILE TARGET [--json FILE|-]`, `hil power list [--json FILE|-]` and
/// `hil power emulate --kind K --channels N [--link PATH]`. Every verb runs the same driver
/// code as a session (<see cref="PowerActions"/>); errors surface as HilExceptions that
/// <see cref="CliInvocation"/> turns into exit code 2 with the board named.
/// </summary>
internal static class PowerCommands
{
    /// <summary>More channels than any relay board the rig files name; a bound so a typo cannot allocate millions.</summary>
    private const int MaxEmulatedChannels = 64;

    public static Command Create()
    {
        var power = new Command("power", "relay boards and switchable hubs (reference/relays.md)");
        foreach (var verb in PowerActions.Verbs)
        {
            power.Subcommands.Add(CreateAction(verb));
        }

        power.Subcommands.Add(CreateList());
        power.Subcommands.Add(CreateEmulate());
        return power;
    }

    private static Command CreateAction(string verb)
    {
        var rig = new Option<string>("--rig") { Description = "the rig file naming the switches", Required = true };
        var target = new Argument<string>("TARGET") { Description = "a device name from the rig file, or SWITCH/CHANNEL" };
        var json = CliJson.Option("the switch's state");
        var command = new Command(verb, Describe(verb)) { rig, target, json };
        command.SetAction(async (parse, ct) =>
        {
            var spec = RigFile.Load(parse.GetValue(rig)!);
            var result = await PowerActions.RunAsync(
                spec, verb, parse.GetValue(target)!, new SimRelayOpener(SerialPortOpener.Instance), TimeProvider.System,
                PowerOptions.Default, ct).ConfigureAwait(false);
            var jsonTarget = parse.GetValue(json);
            CliJson.Write(jsonTarget, result);
            CliJson.People(jsonTarget).WriteLine($"{result.Target}: {result.Switch}/{result.Channel} is {(result.On ? "ON" : "OFF")}"
                + (result.ReadBack ? " (read back from the board)" : " (last state set: this board cannot report its state)"));
            return CliInvocation.Ok;
        });
        return command;
    }

    private static Command CreateList()
    {
        var json = CliJson.Option("what was found");
        var command = new Command("list", "find the relay boards and switchable hubs on this machine, and say what is absent") { json };
        command.SetAction(async (parse, ct) =>
        {
            var found = await PowerDiscovery.ScanAsync(PowerOptions.Default, ct).ConfigureAwait(false);
            var target = parse.GetValue(json);
            CliJson.Write(target, found);
            var people = CliJson.People(target);
            foreach (var port in found.SerialPorts)
            {
                people.WriteLine($"serial  {port.Path}{(port.StableName is null ? "" : $"  ({port.StableName})")}  kind: {SerialKinds}, port: {port.StableName ?? port.Path}");
            }

            foreach (var relay in found.HidRelays)
            {
                people.WriteLine($"hid     {relay.Path}  {relay.Product}  kind: dcttech, serial: {relay.BoardId ?? $"(unreadable: {relay.Error})"}");
            }

            foreach (var hub in found.Hubs)
            {
                people.WriteLine($"hub     {hub.Tool} {hub.Location}  {hub.Description}");
            }

            foreach (var missing in found.Absent)
            {
                people.WriteLine($"absent  {missing}");
            }

            return CliInvocation.Ok;
        });
        return command;
    }

    private static Command CreateEmulate()
    {
        var kind = new Option<string>("--kind") { Description = string.Join(", ", RelayEmulators.SerialKinds), Required = true };
        kind.AcceptOnlyFromAmong([.. RelayEmulators.SerialKinds]);
        var channels = NumberOptions.InRange("--channels", "channel count", 8, new NumberRange<int>(1, MaxEmulatedChannels));
        var link = new Option<string?>("--link") { Description = "symlink to create to the pty, e.g. /tmp/hil-numato" };
        var command = new Command("emulate", "serve a relay board emulator on a pseudo-terminal until SIGTERM or Ctrl-C") { kind, channels, link };
        command.SetAction(async (parse, ct) =>
        {
            await using var host = PtyEmulatorHost.Start(
                RelayEmulators.CreateSerial(parse.GetValue(kind)!, parse.GetValue(channels)), parse.GetValue(link));
            host.Emulator.ChannelChanged += (ch, on) => Console.Out.WriteLine($"channel {ch} {(on ? "ON" : "OFF")}");
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
            using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, ctx => { ctx.Cancel = true; stop.Cancel(); });
            Console.Out.WriteLine(host.Port);
            Console.Out.Flush();
            try
            {
                await Task.WhenAny(host.Serving, Task.Delay(Timeout.Infinite, stop.Token)).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // SIGTERM or Ctrl-C: the emulator stops and the link is removed on dispose.
            }

            return CliInvocation.Ok;
        });
        return command;
    }

    /// <summary>"numato|lcus|kmtronic": the kinds a serial device found on the host may be.</summary>
    private static string SerialKinds =>
        string.Join('|', PowerKinds.All.Where(k => k.Identity == SwitchIdentity.Port).Select(k => k.Name));

    private static string Describe(string verb) => verb switch
    {
        "on" => "switch TARGET on and read it back",
        "off" => "switch TARGET off and read it back",
        "cycle" => "switch TARGET off, hold, on, and read it back",
        _ => "read TARGET's state from the board",
    };
}
