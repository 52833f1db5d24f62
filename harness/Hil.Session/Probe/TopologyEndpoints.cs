using Hil.Dext;
using Hil.Foundation;
using Hil.UserClients.Probe;

namespace Hil.Session.Probe;

/// <summary>
/// Which Driver1 and Driver2 instances carry a topology, read from the registry by its row's
/// <see cref="DriverPairing"/>: the pair whose personalities carry IOUserServerOneProcess,
/// hosted in one process, or the pair the kernel put in two processes.
/// </summary>
public sealed record TopologyEndpoints(Topology Topology, DriverInstance Driver1, DriverInstance Driver2)
{
    public static TopologyEndpoints From(IReadOnlyList<DriverInstance> registry, Topology topology)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var oneProcess = Topologies.Of(topology).Pairing == DriverPairing.OneProcess;
        var driver1 = registry.FirstOrDefault(i => i.Role == DriverRole.Driver1 && i.OneProcess == oneProcess)
            ?? throw Missing(registry, topology, "Driver1");
        var driver2 = registry.FirstOrDefault(i => i.Role == DriverRole.Driver2 && i.OneProcess == oneProcess
            && (i.ProcessId == driver1.ProcessId) == oneProcess)
            ?? throw Missing(registry, topology, "Driver2");
        return new TopologyEndpoints(topology, driver1, driver2);
    }

    /// <summary>Opens on each driver the user-client class the rig names for it, through the session's backend, presenting the rig's entitlement token.</summary>
    public (ProbeDriverClient Driver1, ProbeDriverClient Driver2) Open(RigSession session, TimeSpan callTimeout)
    {
        ArgumentNullException.ThrowIfNull(session);
        var d1 = new ProbeDriverClient(session.OpenUserClient(Driver1, callTimeout));
        try
        {
            return (d1, new ProbeDriverClient(session.OpenUserClient(Driver2, callTimeout)));
        }
        catch
        {
            d1.Dispose();
            throw;
        }
    }

    private static ProductDefectException Missing(IReadOnlyList<DriverInstance> registry, Topology topology, string role) =>
        new($"no {role} instance for {TopologyNames.Format(topology)} in the registry: "
            + (registry.Count == 0 ? "it is empty" : string.Join("; ", registry.Select(i =>
                $"{i.Role} {i.InstanceId} pid {i.ProcessId} one-process={i.OneProcess} device={i.MatchedDevice ?? "-"}"))));
}
