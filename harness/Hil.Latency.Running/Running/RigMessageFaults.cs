using System.Globalization;
using Hil.Foundation;
using Hil.Latency.Measurement;
using Hil.Rigs;
using Hil.Sim;
using Hil.UserClients.Probe;

namespace Hil.Latency.Running;

/// <summary>
/// The rig file's message faults (DESIGN.md §4) as selector 13 settings for a burst of one
/// topology. A fault with a <c>target</c> applies to that topology only (userclient-hang: to
/// that driver, driver1 or driver2). What each becomes:
/// <list type="bullet">
/// <item><c>hop-delay {delay}</c>: fault 2 on Driver1, the delay added once per message before it hands it on;</item>
/// <item><c>delay-messages {delay}</c>: fault 2 on Driver2, the delay before it stamps arrival;</item>
/// <item><c>drop-messages {every | rate}</c>: fault 1 on Driver1, every Nth message dropped (rate r: N = round(1/r)), counted as dropped;</item>
/// <item><c>userclient-hang {duration}</c>: fault 3, the driver's user client stops answering for that long (default 30 s);</item>
/// <item><c>dext-crash {messages}</c>: fault 4 on Driver1, its process aborts after that many messages of the burst (default 100), mid-burst.</item>
/// </list>
/// They come from the sim's fault plan (<see cref="SimFaultPlan.MessageFaults"/>), the one reading of
/// the rig file's faults. The probe dext holds one fault per driver, so two faults on one driver are refused.
/// </summary>
internal static class RigMessageFaults
{
    public static readonly TimeSpan DefaultHang = TimeSpan.FromSeconds(30);

    /// <summary>Messages before a dext-crash without <c>messages</c>: past the warm-up of a short burst, so it lands mid-burst.</summary>
    public const ulong DefaultCrashAfter = 100;

    public static IReadOnlyList<ProbeFaultSetting> For(RigSpec rig, Topology topology)
    {
        ArgumentNullException.ThrowIfNull(rig);
        var settings = new List<ProbeFaultSetting>();
        foreach (var fault in SimFaultPlan.From(rig).MessageFaults)
        {
            if (Map(fault, topology) is not { } setting)
            {
                continue;
            }

            if (settings.FirstOrDefault(s => s.Role == setting.Role) is { } clash)
            {
                throw new InputException($"{fault.Where}: sim.faults: {fault.Kind} and the fault at {clash.Origin} both act on {setting.Role}; the probe dext holds one fault per driver");
            }

            settings.Add(setting);
        }

        return settings;
    }

    private static ProbeFaultSetting? Map(FaultSpec fault, Topology topology)
    {
        var origin = $"{fault.Kind} at {fault.Where}";
        switch (fault.Kind)
        {
            case FaultKinds.HopDelay when AppliesTo(fault, topology):
                return new(ProbeRole.Driver1, ProbeFault.DelayPerHopNs, Nanoseconds(fault, "delay"), origin);
            case FaultKinds.DelayMessages when AppliesTo(fault, topology):
                return new(ProbeRole.Driver2, ProbeFault.DelayPerHopNs, Nanoseconds(fault, "delay"), origin);
            case FaultKinds.DextCrash when AppliesTo(fault, topology):
                return new(ProbeRole.Driver1, ProbeFault.CrashAfterMessages, Count(fault, "messages") ?? DefaultCrashAfter, origin);
            case FaultKinds.DropMessages when AppliesTo(fault, topology):
                return new(ProbeRole.Driver1, ProbeFault.DropEveryNth, EveryNth(fault), origin);
            case FaultKinds.UserClientHang:
                var role = fault.Target switch
                {
                    null or "driver2" => ProbeRole.Driver2,
                    "driver1" => ProbeRole.Driver1,
                    _ => throw new InputException($"{fault.Where}: sim.faults: userclient-hang target: expected driver1 or driver2, got '{fault.Target}'"),
                };
                var hang = fault.Args.TryGetValue("duration", out var d) ? Duration(fault, "duration", d) : DefaultHang;
                return new(role, ProbeFault.HangForMs, (ulong)Math.Max(1, hang.TotalMilliseconds), origin);
            default:
                return null;
        }
    }

    private static bool AppliesTo(FaultSpec fault, Topology topology)
    {
        if (fault.Target is null)
        {
            return true;
        }

        if (!TopologyNames.TryParse(fault.Target, out var target))
        {
            throw new InputException($"{fault.Where}: sim.faults: {fault.Kind} target: expected a topology ({string.Join(", ", Topologies.Names)}), got '{fault.Target}'");
        }

        return target == topology;
    }

    private static ulong Nanoseconds(FaultSpec fault, string name)
    {
        if (!fault.Args.TryGetValue(name, out var text))
        {
            throw new InputException($"{fault.Where}: sim.faults: {fault.Kind} needs '{name}', {RigDuration.Expected}");
        }

        var ns = Duration(fault, name, text).Ticks * 100;
        return ns is >= 1 and <= 1_000_000_000
            ? (ulong)ns
            : throw new InputException($"{fault.Where}: sim.faults: {fault.Kind} {name}: expected 1ns..1s (the probe dext's bound), got '{text}'");
    }

    private static TimeSpan Duration(FaultSpec fault, string name, string text) =>
        RigDuration.TryParse(text, out var value) ? value : throw new InputException($"{fault.Where}: sim.faults: {fault.Kind} {name}: expected {RigDuration.Expected}, got '{text}'");

    private static ulong? Count(FaultSpec fault, string name) =>
        !fault.Args.TryGetValue(name, out var text) ? null
        : ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1 ? n
        : throw new InputException($"{fault.Where}: sim.faults: {fault.Kind} {name}: expected an integer >= 1, got '{text}'");

    private static ulong EveryNth(FaultSpec fault)
    {
        if (Count(fault, "every") is { } every)
        {
            return every;
        }

        if (fault.Args.TryGetValue("rate", out var rate)
            && double.TryParse(rate, NumberStyles.Float, CultureInfo.InvariantCulture, out var r) && r is > 0 and <= 1)
        {
            return (ulong)Math.Max(1, Math.Round(1 / r));
        }

        throw new InputException($"{fault.Where}: sim.faults: drop-messages needs 'every' (an integer >= 1) or 'rate' (a number above 0, at most 1)");
    }
}
