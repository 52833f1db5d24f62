using System.Globalization;
using Hil.Foundation;

namespace Hil.UserClients.Probe;

/// <summary>
/// The probe dext's method table (PROTOCOL.md §4) as typed calls over any
/// <see cref="IUserClient"/> (sim or IOKit). A non-success status throws
/// <see cref="UserClientException"/> carrying it, except <see cref="TryDeliverMessage"/>,
/// which returns it (the relay counts failures instead of throwing on the completion thread).
/// Not thread-safe, like the connection under it: one call at a time. Owns the client.
/// </summary>
public sealed class ProbeDriverClient(IUserClient client) : IDisposable
{
    private readonly ulong[] scalarsIn = new ulong[4];
    private readonly ulong[] scalarsOut = new ulong[16];

    public IUserClient Client { get; } = client ?? throw new ArgumentNullException(nameof(client));

    public string Endpoint => Client.Endpoint;

    public ProbeSession OpenSession()
    {
        var o = Invoke(ProbeSelectors.OpenSession, In(ProbeSelectors.ProtocolVersion));
        if (o[0] is not (1 or 2) || o[3] > 1 || o[1] > int.MaxValue)
        {
            throw WrongShape(ProbeSelectors.OpenSession, $"role 1|2, pid, instance, peer 0|1; got [{o[0]}, {o[1]}, {o[2]}, {o[3]}]");
        }

        return new ProbeSession((ProbeRole)o[0], (int)o[1], o[2], o[3] == 1);
    }

    public void Configure(Topology topology, int reportLength, Doorbell doorbell)
    {
        Require(Enum.IsDefined(topology), "Configure", $"topology {topology} is not 0..2");
        Require(reportLength is >= 1 and <= ProbeMessage.MaxReportLength, "Configure", $"report length {reportLength} is not 1..64");
        Require(Enum.IsDefined(doorbell), "Configure", $"doorbell {doorbell} is not 0..1");
        Invoke(ProbeSelectors.Configure, In((ulong)topology, (ulong)reportLength, (ulong)doorbell, 0));
    }

    /// <param name="rateHz">Messages per second; 0 = closed loop, as fast as possible.</param>
    public void StartBurst(ulong count, uint rateHz, ulong warmup)
    {
        Require(count is >= 1 and <= 100_000_000, "StartBurst", $"count {count} is not 1..10^8");
        Require(rateHz <= 1_000_000, "StartBurst", $"rate {rateHz} Hz is above 1,000,000");
        Invoke(ProbeSelectors.StartBurst, In(count, rateHz, warmup));
    }

    /// <returns>Messages sent.</returns>
    public ulong StopBurst() => Invoke(ProbeSelectors.StopBurst, default)[0];

    /// <returns>The seq the injected report was given.</returns>
    public ulong InjectReport(ReadOnlySpan<byte> report) => Invoke(ProbeSelectors.InjectReport, default, report)[0];

    public ProbeCounters ReadCounters()
    {
        var o = Invoke(ProbeSelectors.ReadCounters, default);
        return new ProbeCounters(o[0], o[1], o[2], o[3], o[4], o[5], o[6] != 0, o[7]);
    }

    /// <summary>Maps Driver2's record ring; read it with <see cref="Rings.RecordRingReader"/>.</summary>
    public IMappedMemory MapRecordRing() => MapAnnounced(ProbeSelectors.MapRecordRing, default);

    public void SetFeatureReport(ReadOnlySpan<byte> report) => Invoke(ProbeSelectors.SetFeatureReport, default, report);

    /// <returns>Bytes written to <paramref name="destination"/> (0 before any report was set).</returns>
    public int GetFeatureReport(Span<byte> destination) =>
        Check(ProbeSelectors.GetFeatureReport, Client.Call(ProbeSelectors.GetFeatureReport, default, default, scalarsOut, destination)).StructLength;

    /// <summary>Driver1 fires <paramref name="handler"/> per app-relay message, on the connection's completion thread.</summary>
    public void RegisterCompletion(uint reference, AsyncCompletionHandler handler)
    {
        ProbeMethodTable.CheckCall(ProbeSelectors.RegisterCompletion, 0, 0, hasCompletion: true);
        Check(ProbeSelectors.RegisterCompletion, Client.CallWithCompletion(
            ProbeSelectors.RegisterCompletion, reference, handler, default, default, scalarsOut, default));
    }

    public void DeliverMessage(ReadOnlySpan<byte> encodedMessage)
    {
        var status = TryDeliverMessage(encodedMessage);
        if (status != IOReturn.Success)
        {
            throw UserClientException.Refused(Endpoint, "DeliverMessage (selector 10)", status);
        }
    }

    /// <summary>The relay's hot path: no scratch, no allocation; returns the driver's status.</summary>
    public IOReturn TryDeliverMessage(ReadOnlySpan<byte> encodedMessage)
    {
        ProbeMethodTable.CheckCall(ProbeSelectors.DeliverMessage, 0, encodedMessage.Length, hasCompletion: false);
        return Client.Call(ProbeSelectors.DeliverMessage, default, encodedMessage, default, default).Status;
    }

    /// <summary>Hands Driver2's message ring (as MapSharedRing mapped it) to Driver1, in the mapping's own form (<see cref="IMappedMemory.HandOverInput"/>).</summary>
    public void HandOverSharedRing(IMappedMemory ring, ulong capacity)
    {
        ArgumentNullException.ThrowIfNull(ring);
        var input = ring.HandOverInput;
        Require(
            input.Length <= ProbeMethodTable.HandOverNameMax || input.Length >= Rings.RingLayout.BytesFor(capacity, Rings.RingLayout.MessageSlotSize),
            "HandOverSharedRing",
            string.Create(CultureInfo.InvariantCulture, $"{input.Length} byte(s) of {ring.Name} is neither a shm name (<= {ProbeMethodTable.HandOverNameMax}) nor a ring of {capacity} messages"));
        Invoke(ProbeSelectors.HandOverSharedRing, In(capacity), input);
    }

    /// <param name="capacity">Messages; a power of two in 64..1,048,576.</param>
    public IMappedMemory MapSharedRing(ulong capacity)
    {
        Require(capacity is >= 64 and <= 1 << 20 && ulong.IsPow2(capacity), "MapSharedRing", $"capacity {capacity} is not a power of two in 64..1048576");
        return MapAnnounced(ProbeSelectors.MapSharedRing, In(capacity));
    }

    public void SetFault(ProbeFault kind, ulong parameter)
    {
        Require(Enum.IsDefined(kind), "SetFault", $"fault kind {kind} is not 0..5");
        Invoke(ProbeSelectors.SetFault, In((ulong)kind, parameter));
    }

    public void ResetCounters() => Invoke(ProbeSelectors.ResetCounters, default);

    /// <summary>Driver2's last delivered message: its seq and report bytes as they arrived (written to <paramref name="destination"/>).</summary>
    /// <returns>The seq and the report length; length 0 before any message arrived.</returns>
    public (ulong Seq, int Length) ReadLastReport(Span<byte> destination)
    {
        var result = Check(ProbeSelectors.ReadLastReport, Client.Call(ProbeSelectors.ReadLastReport, default, default, scalarsOut, destination));
        return (scalarsOut[0], result.StructLength);
    }

    public void Dispose() => Client.Dispose();

    /// <summary>A Map* selector answers [memoryType, size, capacity]; the mapping must be at least that size.</summary>
    private IMappedMemory MapAnnounced(uint selector, ReadOnlySpan<ulong> args)
    {
        var o = Invoke(selector, args);
        var (memoryType, size) = (o[0], o[1]);
        if (memoryType > uint.MaxValue || size == 0)
        {
            throw WrongShape(selector, $"memoryType < 2^32 and size > 0; got memoryType {memoryType}, size {size}");
        }

        var mapping = Client.Map((uint)memoryType);
        if ((ulong)mapping.Size < size)
        {
            mapping.Dispose();
            throw WrongShape(selector, $"a mapping of at least {size} bytes; the map gave {mapping.Size}");
        }

        return mapping;
    }

    private ReadOnlySpan<ulong> Invoke(uint selector, ReadOnlySpan<ulong> args, ReadOnlySpan<byte> structIn = default)
    {
        var m = ProbeMethodTable.CheckCall(selector, args.Length, structIn.Length, hasCompletion: false);
        var r = Check(selector, Client.Call(selector, args, structIn, scalarsOut, default));
        return scalarsOut.AsSpan(0, Math.Min(r.ScalarCount, m.ScalarsOut));
    }

    private CallResult Check(uint selector, CallResult r)
    {
        var m = ProbeMethodTable.Get(selector);
        if (r.Status != IOReturn.Success)
        {
            throw UserClientException.Refused(Endpoint, $"{m.Name} (selector {selector})", r.Status);
        }

        return r.ScalarCount == m.ScalarsOut
            ? r
            : throw WrongShape(selector, string.Create(CultureInfo.InvariantCulture, $"{m.ScalarsOut} scalar output(s), got {r.ScalarCount}"));
    }

    private ReadOnlySpan<ulong> In(params ReadOnlySpan<ulong> values)
    {
        values.CopyTo(scalarsIn);
        return scalarsIn.AsSpan(0, values.Length);
    }

    private UserClientException WrongShape(uint selector, string expected) =>
        new(FaultKind.ProductDefect, IOReturn.Error, Endpoint,
            $"{ProbeMethodTable.Get(selector).Name} (selector {selector}) answered the wrong shape: expected {expected}");

    private void Require(bool ok, string method, string what)
    {
        if (!ok)
        {
            throw new InputException($"probe {method} on {Endpoint}: {what}");
        }
    }
}
