using System.Diagnostics;
using System.Text;
using Hil.Foundation;
using Hil.UserClients.Wire;

namespace Hil.UserClients.Sim;

/// <summary>
/// <see cref="IUserClient"/> over the sim wire protocol (dext/PROTOCOL.md §2) on a Unix
/// stream socket. One outstanding call per connection: a second concurrent call is a
/// harness bug and throws. Until a completion is registered, the calling thread reads its
/// own reply (no thread hop: this is how the relay reaches Driver2). Registering a
/// completion starts the connection's completion thread, which from then on owns reads,
/// runs handlers and hands replies to callers through a preallocated slot.
/// </summary>
public sealed class SimUserClient : IUserClient
{
    private readonly SimTransport transport;
    private readonly ReplySlot slot = new();
    private readonly CompletionTable completions = new();
    private readonly CompletionPump pump;
    private readonly Lock startGate = new();
    private Exception? fault;
    private int busy;
    private uint nextId;
    private bool disposed;

    private SimUserClient(SimTransport transport)
    {
        this.transport = transport;
        pump = new CompletionPump(transport, slot, completions, SetFault);
    }

    public string Endpoint => transport.Endpoint;

    /// <summary>Connects to <paramref name="endpoint"/> (a socket path) and presents the entitlement token.</summary>
    /// <exception cref="UserClientException">Status NotPermitted when the token is refused; RigFault when nothing listens.</exception>
    public static SimUserClient Open(string endpoint, string entitlementToken, TimeSpan callTimeout, uint type = 0)
    {
        ArgumentException.ThrowIfNullOrEmpty(endpoint);
        ArgumentNullException.ThrowIfNull(entitlementToken);
        if (callTimeout <= TimeSpan.Zero || callTimeout.TotalMilliseconds > int.MaxValue)
        {
            throw new InputException($"user client {endpoint}: call timeout {callTimeout} must be positive and below 24 days");
        }

        var client = new SimUserClient(SimTransport.Connect(endpoint, callTimeout));
        try
        {
            client.Handshake(Encoding.UTF8.GetBytes(entitlementToken), type);
            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    public CallResult Call(
        uint selector, ReadOnlySpan<ulong> scalarsIn, ReadOnlySpan<byte> structIn,
        Span<ulong> scalarsOut, Span<byte> structOut)
    {
        CallArguments.Validate(Endpoint, selector, scalarsIn.Length, structIn.Length, scalarsOut.Length);
        Enter();
        try
        {
            var id = NextId();
            var buffer = BufferFor(structIn.Length);
            var len = FrameEncoder.EncodeCall(buffer, id, selector, scalarsIn, structIn);
            var reply = FrameDecoder.Decode(Exchange(id, buffer.AsSpan(0, len), new RequestLabel(FrameKind.Call, selector)));
            return CopyOut(reply, scalarsOut, structOut);
        }
        finally
        {
            Exit();
        }
    }

    public CallResult CallWithCompletion(
        uint selector, uint reference, AsyncCompletionHandler onCompletion,
        ReadOnlySpan<ulong> scalarsIn, ReadOnlySpan<byte> structIn,
        Span<ulong> scalarsOut, Span<byte> structOut)
    {
        ArgumentNullException.ThrowIfNull(onCompletion);
        CallArguments.Validate(Endpoint, selector, scalarsIn.Length, structIn.Length, scalarsOut.Length);
        Enter();
        try
        {
            // Registered and pumping before the request leaves: a completion may follow the reply at once.
            completions.Set(reference, onCompletion);
            EnsurePump();
            var id = NextId();
            var buffer = BufferFor(structIn.Length);
            var len = FrameEncoder.EncodeCallAsync(buffer, id, selector, reference, scalarsIn, structIn);
            var reply = FrameDecoder.Decode(Exchange(id, buffer.AsSpan(0, len), new RequestLabel(FrameKind.CallAsync, selector)));
            if (reply.Status != IOReturn.Success)
            {
                completions.Remove(reference);
            }

            return CopyOut(reply, scalarsOut, structOut);
        }
        finally
        {
            Exit();
        }
    }

    public IMappedMemory Map(uint memoryType)
    {
        string name;
        long size;
        Enter();
        try
        {
            var id = NextId();
            var len = FrameEncoder.EncodeMap(transport.SendBuffer, id, memoryType);
            var label = new RequestLabel(FrameKind.Map, memoryType);
            var reply = FrameDecoder.Decode(Exchange(id, transport.SendBuffer.AsSpan(0, len), label));
            (name, size) = MapReply.Parse(Endpoint, label.ToString(), reply);
        }
        finally
        {
            Exit();
        }

        return SharedMemory.Open(Endpoint, name, size);
    }

    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        pump.RequestStop();
        transport.Dispose();
        pump.Join(TimeSpan.FromSeconds(2));
        slot.Dispose();
    }

    private void Handshake(byte[] token, uint type)
    {
        var id = NextId();
        var len = FrameEncoder.EncodeOpen(transport.SendBuffer, id, type, token);
        var reply = FrameDecoder.Decode(Exchange(id, transport.SendBuffer.AsSpan(0, len), new RequestLabel(FrameKind.Open, type)));
        if (reply.Status != IOReturn.Success)
        {
            throw UserClientErrors.OpenRefused(Endpoint, reply.Status);
        }
    }

    /// <summary>Sends the encoded request and returns the bytes of the reply that answers it.</summary>
    private ReadOnlySpan<byte> Exchange(uint id, ReadOnlySpan<byte> request, RequestLabel label)
    {
        try
        {
            return pump.IsRunning ? ExchangeViaPump(id, request, label) : ExchangeInline(id, request, label);
        }
        catch (WireFormatException ex)
        {
            // The stream is out of step after a bad frame; nothing later on it can be trusted.
            var dead = new UserClientException(FaultKind.ProductDefect, IOReturn.Error, Endpoint, $"{label}: {ex.Message}", ex);
            SetFault(dead);
            throw dead;
        }
    }

    private ReadOnlySpan<byte> ExchangeInline(uint id, ReadOnlySpan<byte> request, RequestLabel label)
    {
        transport.Send(request, label);
        var deadline = Stopwatch.GetTimestamp() + (long)(transport.CallTimeout.TotalSeconds * Stopwatch.Frequency);
        while (true)
        {
            var bytes = transport.Receive(label);
            var frame = FrameDecoder.Decode(bytes);
            if (frame.Kind == FrameKind.Reply && frame.Id == id)
            {
                return bytes;
            }

            InlineStray(frame, id, label);
            if (Stopwatch.GetTimestamp() > deadline)
            {
                throw new WaitTimeoutException($"the reply to the {label} from {Endpoint}", transport.CallTimeout, FaultKind.ProductDefect);
            }
        }
    }

    /// <summary>A frame that is not our reply while no completion is registered: a stale reply is dropped, anything else is wrong.</summary>
    private void InlineStray(Frame frame, uint id, RequestLabel label)
    {
        if (frame.Kind == FrameKind.Reply && (int)(id - frame.Id) > 0)
        {
            return;
        }

        var what = frame.Kind == FrameKind.Reply
            ? $"a reply with id {frame.Id} while waiting for id {id}"
            : $"a {frame.Kind} frame while waiting for the reply to the {label}, with no completion registered";
        var ex = new UserClientException(FaultKind.ProductDefect, frame.Status, Endpoint, $"the host sent {what}");
        SetFault(ex);
        throw ex;
    }

    private ReadOnlySpan<byte> ExchangeViaPump(uint id, ReadOnlySpan<byte> request, RequestLabel label)
    {
        slot.Arm(id);
        transport.Send(request, label);
        if (slot.Wait(transport.CallTimeout, out var reply))
        {
            return reply;
        }

        ThrowIfFaulted(label);
        throw new WaitTimeoutException($"the reply to the {label} from {Endpoint}", transport.CallTimeout, FaultKind.ProductDefect);
    }

    private CallResult CopyOut(Frame reply, Span<ulong> scalarsOut, Span<byte> structOut)
    {
        var n = reply.CopyScalars(scalarsOut);
        var s = CallArguments.Filled(reply.Data.Length, structOut.Length);
        reply.Data[..s].CopyTo(structOut);
        return new CallResult(reply.Status, n, s);
    }

    private void EnsurePump()
    {
        lock (startGate)
        {
            if (!pump.IsRunning)
            {
                pump.Start();
            }
        }
    }

    private void Enter()
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        ThrowIfFaulted(default);
        if (Interlocked.Exchange(ref busy, 1) != 0)
        {
            throw new InvalidOperationException(
                $"user client {Endpoint}: a call is already in flight on this connection; one outstanding call per connection");
        }
    }

    private void Exit() => Volatile.Write(ref busy, 0);

    private uint NextId() => ++nextId;

    private void ThrowIfFaulted(RequestLabel? label)
    {
        var f = Volatile.Read(ref fault);
        if (f is not null)
        {
            var fk = f is HilException h ? h.Fault : FaultKind.RigFault;
            var status = f is UserClientException u ? u.Status : IOReturn.NotOpen;
            var during = label is { } l ? $" ({l} not sent or not answered)" : string.Empty;
            throw new UserClientException(fk, status, Endpoint, $"connection is unusable{during}: {f.Message}", f);
        }
    }

    private void SetFault(Exception ex)
    {
        Interlocked.CompareExchange(ref fault, ex, null);
        slot.Abort();
    }

    /// <summary>The preallocated send buffer, or for a struct past 4 KiB (never on the hot path) a one-off buffer.</summary>
    private byte[] BufferFor(int structLength) =>
        structLength <= WireLimits.MaxStructOut ? transport.SendBuffer : new byte[structLength + 64];
}
