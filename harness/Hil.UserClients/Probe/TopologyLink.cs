using Hil.Foundation;
using Hil.UserClients.Relay;
using Hil.UserClients.Rings;

namespace Hil.UserClients.Probe;

/// <summary>How to wire a topology: its doorbell, report size and, for shared-ring, the ring's size.</summary>
public sealed record TopologySetup(Topology Topology)
{
    public int ReportLength { get; init; } = 8;

    public Doorbell Doorbell { get; init; } = Doorbell.SpinThenWait;

    /// <summary>Shared-ring message ring capacity (a power of two, 64..1,048,576).</summary>
    public ulong SharedRingCapacity { get; init; } = 4096;
}

/// <summary>
/// Driver1 and Driver2 wired for one topology, as the app does it (DESIGN.md §1): both
/// configured, Driver2's record ring mapped, and the topology's own path set up by its row's
/// wiring (<see cref="LinkWirings"/>). Does not own the clients.
/// </summary>
public sealed class TopologyLink : IDisposable
{
    private TopologyLink(TopologySetup setup, ProbeSession driver1, ProbeSession driver2, IMappedMemory recordRing, IMappedMemory? sharedRing, AppRelay? relay)
    {
        (Setup, Driver1, Driver2, RecordRing, SharedRing, Relay) = (setup, driver1, driver2, recordRing, sharedRing, relay);
        Records = new RecordRingReader(recordRing);
    }

    public TopologySetup Setup { get; }

    public ProbeSession Driver1 { get; }

    public ProbeSession Driver2 { get; }

    /// <summary>Driver2's record ring; this link's holder is its only consumer.</summary>
    public RecordRingReader Records { get; }

    /// <summary>The app relay (app-relay only).</summary>
    public AppRelay? Relay { get; }

    private IMappedMemory RecordRing { get; }

    private IMappedMemory? SharedRing { get; }

    /// <exception cref="InputException">The clients are not Driver1 and Driver2, or one-process was asked of drivers in two processes.</exception>
    public static TopologyLink Open(ProbeDriverClient driver1, ProbeDriverClient driver2, TopologySetup setup)
    {
        ArgumentNullException.ThrowIfNull(driver1);
        ArgumentNullException.ThrowIfNull(driver2);
        ArgumentNullException.ThrowIfNull(setup);
        var topology = Topologies.Of(setup.Topology);
        var s1 = Require(driver1, driver1.OpenSession(), ProbeRole.Driver1);
        var s2 = Require(driver2, driver2.OpenSession(), ProbeRole.Driver2);
        if (topology.Pairing == DriverPairing.OneProcess && !s1.OneProcessPeerPresent)
        {
            throw new InputException($"{topology.Name} needs Driver1 and Driver2 in one process, but {driver1.Endpoint} (pid {s1.Pid}) has no peer in its process (Driver2 is pid {s2.Pid})");
        }

        driver2.Configure(setup.Topology, setup.ReportLength, setup.Doorbell);
        driver1.Configure(setup.Topology, setup.ReportLength, setup.Doorbell);
        var recordRing = driver2.MapRecordRing();
        LinkPath? path = null;
        try
        {
            path = topology.Wiring.Wire(driver1, driver2, setup);
            return new TopologyLink(setup, s1, s2, recordRing, path.SharedRing, path.Relay);
        }
        catch
        {
            path?.SharedRing?.Dispose();
            recordRing.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        SharedRing?.Dispose();
        RecordRing.Dispose();
    }

    private static ProbeSession Require(ProbeDriverClient client, ProbeSession session, ProbeRole expected) =>
        session.Role == expected
            ? session
            : throw new InputException($"{client.Endpoint} is {session.Role} (pid {session.Pid}), expected {expected}");
}
