using System.CommandLine;
using Hil.Foundation;
using Hil.Rigs;

namespace Hil.Cli.Commands;

/// <summary>`hil rig validate FILE [--json FILE|-]`: check a rig file before a run leases the rig.</summary>
internal static class RigCommands
{
    public static Command Create()
    {
        var rig = new Command("rig", "rig files (rigs/README.md)");
        rig.Subcommands.Add(CreateValidate());
        return rig;
    }

    /// <summary>Exit 0 when valid, 2 with file:line:column, field and what was expected when not.</summary>
    internal static int Validate(string path, string? json, TextWriter stdout, TextWriter stderr)
    {
        RigSpec spec;
        try
        {
            spec = RigFile.Load(path);
        }
        catch (InputException ex)
        {
            CliJson.Write(json, new { file = path, valid = false, error = ex.Message }, stdout);
            stderr.WriteLine($"hil: [{ex.Tag}] {ex.Message}");

            return CliInvocation.UsageOrRigError;
        }

        var summary = RigSummary.Of(path, spec);
        CliJson.Write(json, summary, stdout);
        (CliJson.ToStdout(json) ? stderr : stdout).WriteLine(summary.ToString());
        return CliInvocation.Ok;
    }

    private static Command CreateValidate()
    {
        var file = new Argument<string>("FILE") { Description = "the rig file, e.g. rigs/sim.yaml" };
        var json = CliJson.Option("the validated rig (or the error)");
        var command = new Command("validate", "check a rig file: exit 0 when valid, 2 naming file:line:column and field when not")
        {
            file, json,
        };
        command.SetAction(parse => Validate(parse.GetValue(file)!, parse.GetValue(json), Console.Out, Console.Error));
        return command;
    }
}

/// <summary>What `hil rig validate` prints about a valid rig; the JSON form is for CI scripts.</summary>
internal sealed record RigSummary(
    string File, bool Valid, string Rig, string Host, string SafeState,
    IReadOnlyList<RigSummary.SwitchEntry> Switches, IReadOnlyList<RigSummary.DeviceEntry> Devices,
    RigSummary.DextEntry? Dext, IReadOnlyDictionary<string, string> Timeouts, RigSummary.SimEntry? Sim)
{
    public static RigSummary Of(string file, RigSpec rig) => new(
        file, true, rig.Name,
        RigHosts.NameOf(rig.Host),
        rig.SafeState == Rigs.SafeState.AllOn ? "all-on" : "all-off",
        [.. rig.Power.Values.OrderBy(s => s.Name, StringComparer.Ordinal)
            .Select(s => new SwitchEntry(s.Name, s.Kind, s.Port ?? s.Serial ?? s.Location, s.Channels))],
        [.. rig.Devices.Values.OrderBy(d => d.Name, StringComparer.Ordinal)
            .Select(d => new DeviceEntry(d.Name, d.Power.ToString(), $"0x{d.Usb.VendorId:x4}", $"0x{d.Usb.ProductId:x4}", d.Usb.Serial))],
        rig.Dext is { } x ? new DextEntry(x.PlistPath, x.BundleId, x.EntitlementToken) : null,
        new Dictionary<string, string>
        {
            ["enumerate"] = RigDuration.Format(rig.Timeouts.Enumerate),
            ["activate"] = RigDuration.Format(rig.Timeouts.Activate),
        },
        rig.Sim is { } s
            ? new SimEntry(RigDuration.Format(s.EnumerateDelay), RigDuration.Format(s.EnumerateJitter), s.Seed,
                [.. s.Faults.Select(f => f.Target is null ? f.Kind : $"{f.Kind} {f.Target}")])
            : null);

    public override string ToString()
    {
        var switches = string.Join(", ", Switches.Select(s => $"{s.Name} ({s.Kind}, {s.Channels} ch)"));
        var devices = Devices.Count == 0 ? "none" : string.Join(", ", Devices.Select(d => $"{d.Name} on {d.Power}"));
        return $"{File}: valid rig '{Rig}' (host {Host}, safe_state {SafeState}); switches: {switches}; devices: {devices}"
            + (Dext is null ? "" : $"; dext {Dext.BundleId}")
            + (Sim is null ? "" : $"; sim faults: {(Sim.Faults.Count == 0 ? "none" : string.Join(", ", Sim.Faults))}");
    }

    public sealed record SwitchEntry(string Name, string Kind, string? Identity, int Channels);

    public sealed record DeviceEntry(string Name, string Power, string Vid, string Pid, string? Serial);

    public sealed record DextEntry(string Plist, string BundleId, string UserclientAccess);

    public sealed record SimEntry(string EnumerateDelay, string EnumerateJitter, int Seed, IReadOnlyList<string> Faults);
}
