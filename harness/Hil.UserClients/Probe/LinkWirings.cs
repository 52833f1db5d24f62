using Hil.UserClients.Relay;
using Hil.UserClients.Rings;

namespace Hil.UserClients.Probe;

/// <summary>What a topology's path needs once both drivers are configured: the app relay, a shared ring, or nothing.</summary>
internal interface ILinkWiring
{
    /// <summary>Sets the path up; the caller disposes what it returns if anything after it fails.</summary>
    LinkPath Wire(ProbeDriverClient driver1, ProbeDriverClient driver2, TopologySetup setup);
}

/// <summary>What a wiring made: Driver2's message ring (shared-ring) or the running app relay (app-relay).</summary>
internal sealed record LinkPath(IMappedMemory? SharedRing = null, AppRelay? Relay = null);

internal static class LinkWirings
{
    /// <summary>The app relays each of Driver1's completions to Driver2.</summary>
    public static readonly ILinkWiring AppRelay = new AppRelayWiring();

    /// <summary>Driver2's message ring, mapped and handed to Driver1.</summary>
    public static readonly ILinkWiring SharedRing = new SharedRingWiring();

    /// <summary>Driver1 calls Driver2 in its own process: nothing to set up.</summary>
    public static readonly ILinkWiring DirectCall = new DirectCallWiring();

    private sealed class AppRelayWiring : ILinkWiring
    {
        public LinkPath Wire(ProbeDriverClient driver1, ProbeDriverClient driver2, TopologySetup setup)
        {
            var relay = new Relay.AppRelay(driver1, driver2);
            relay.Start();
            return new LinkPath(Relay: relay);
        }
    }

    private sealed class SharedRingWiring : ILinkWiring
    {
        public LinkPath Wire(ProbeDriverClient driver1, ProbeDriverClient driver2, TopologySetup setup)
        {
            var ring = driver2.MapSharedRing(setup.SharedRingCapacity);
            try
            {
                driver1.HandOverSharedRing(ring, setup.SharedRingCapacity);
                return new LinkPath(SharedRing: ring);
            }
            catch
            {
                ring.Dispose();
                throw;
            }
        }
    }

    private sealed class DirectCallWiring : ILinkWiring
    {
        public LinkPath Wire(ProbeDriverClient driver1, ProbeDriverClient driver2, TopologySetup setup) => new();
    }
}
