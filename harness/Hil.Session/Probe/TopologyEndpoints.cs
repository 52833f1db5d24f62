using Hil.Dext;
using Hil.Foundation;
using Hil.Rigs;
using Hil.UserClients;
using Hil.UserClients.MacOS;
using Hil.UserClients.Probe;
using Hil.UserClients.Sim;

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

    /// <summary>Opens a user client on each driver, presenting the rig's entitlement token.</summary>
    public (ProbeDriverClient Driver1, ProbeDriverClient Driver2) Open(RigSpec rig, TimeSpan callTimeout)
    {
        ArgumentNullException.ThrowIfNull(rig);
        var token = rig.Dext?.EntitlementToken ?? throw new InputException($"{rig.SourcePath}: rig '{rig.Name}' has no dext section");
        var d1 = new ProbeDriverClient(OpenClient(rig, Driver1.Endpoint, token, callTimeout));
        try
        {
            return (d1, new ProbeDriverClient(OpenClient(rig, Driver2.Endpoint, token, callTimeout)));
        }
        catch
        {
            d1.Dispose();
            throw;
        }
    }

    /// <summary>A user client on one driver instance, by the rig's host: the sim wire protocol or IOKit.</summary>
    public static IUserClient OpenClient(RigSpec rig, string endpoint, string entitlementToken, TimeSpan callTimeout)
    {
        ArgumentNullException.ThrowIfNull(rig);
        return rig.Host switch
        {
            RigHost.Sim => SimUserClient.Open(endpoint, entitlementToken, callTimeout),
            _ when OperatingSystem.IsMacOS() => IOKitUserClient.Open(endpoint),
            _ => throw new InfrastructureException($"rig '{rig.Name}' is a macOS rig: its IOKit user clients open only on its Mac"),
        };
    }

    private static ProductDefectException Missing(IReadOnlyList<DriverInstance> registry, Topology topology, string role) =>
        new($"no {role} instance for {TopologyNames.Format(topology)} in the registry: "
            + (registry.Count == 0 ? "it is empty" : string.Join("; ", registry.Select(i =>
                $"{i.Role} {i.InstanceId} pid {i.ProcessId} one-process={i.OneProcess} device={i.MatchedDevice ?? "-"}"))));
}
