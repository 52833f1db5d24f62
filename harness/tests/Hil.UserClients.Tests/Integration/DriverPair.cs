using Hil.UserClients.Probe;
using Hil.UserClients.Relay;
using Hil.UserClients.Rings;
using Hil.UserClients.Sim;

namespace Hil.UserClients.Tests.Integration;

/// <summary>
/// Driver1 ("d1") and Driver2 ("d2") opened on their sim hosts with a probe session each, the
/// start of every two-driver test; <see cref="StartAppRelay"/> wires them as the app does.
/// </summary>
internal sealed class DriverPair : IDisposable
{
    public static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(5);

    private IMappedMemory? ring;

    private DriverPair(ProbeDriverClient d1, ProbeDriverClient d2)
    {
        (D1, D2) = (d1, d2);
        Session1 = d1.OpenSession();
        Session2 = d2.OpenSession();
    }

    public ProbeDriverClient D1 { get; }

    public ProbeDriverClient D2 { get; }

    public ProbeSession Session1 { get; }

    public ProbeSession Session2 { get; }

    public static DriverPair Open(SimHost host) => Open(host, host);

    public static DriverPair Open(SimHost driver1Host, SimHost driver2Host)
    {
        var d1 = Client(driver1Host, "d1");
        var d2 = Client(driver2Host, "d2");
        try
        {
            return new DriverPair(d1, d2);
        }
        catch
        {
            d2.Dispose();
            d1.Dispose();
            throw;
        }
    }

    public static ProbeDriverClient Client(SimHost host, string instance) =>
        new(SimUserClient.Open(host.Endpoints[instance], SimHost.Token, CallTimeout));

    /// <summary>Both drivers on app-relay, Driver2's record ring mapped (owned by the pair) and the relay started.</summary>
    public (RecordRingReader Reader, AppRelay Relay) StartAppRelay()
    {
        D1.Configure(Topology.AppRelay, 8, Doorbell.Spin);
        D2.Configure(Topology.AppRelay, 8, Doorbell.Spin);
        ring = D2.MapRecordRing();
        var relay = new AppRelay(D1, D2);
        relay.Start();
        return (new RecordRingReader(ring), relay);
    }

    public void Dispose()
    {
        ring?.Dispose();
        D2.Dispose();
        D1.Dispose();
    }
}
