using Hil.UserClients.Probe;

namespace Hil.Latency.Measurement;

/// <summary>
/// A fault set on one driver for one burst (selector 13, PROTOCOL.md §4), and where it came
/// from, so the run's file says it was faulted and no baseline is ever saved from it.
/// </summary>
internal sealed record ProbeFaultSetting(ProbeRole Role, ProbeFault Kind, ulong Parameter, string Origin)
{
    public override string ToString() => $"{Kind} {Parameter} at {Role} ({Origin})";
}
