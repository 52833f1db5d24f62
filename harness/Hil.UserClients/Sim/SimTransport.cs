using System.Net.Sockets;
using Hil.Foundation;
using Hil.UserClients.Wire;

namespace Hil.UserClients.Sim;

/// <summary>
/// One Unix stream socket to a sim driver endpoint with blocking I/O and buffers allocated
/// once. The OS enforces the call timeout (SO_RCVTIMEO/SO_SNDTIMEO) rather than a
/// TimeProvider timer: a timer would add a thread hop and an allocation to every call, and
/// the relay's hot path must have neither.
/// </summary>
internal sealed class SimTransport : IDisposable
{
    private readonly Socket socket;
    private readonly NetworkStream stream;

    private SimTransport(string endpoint, Socket socket, TimeSpan callTimeout)
    {
        Endpoint = endpoint;
        CallTimeout = callTimeout;
        this.socket = socket;
        stream = new NetworkStream(socket, ownsSocket: false);
        Reader = new FrameReader(stream, WireLimits.MaxHostFrameLength);
    }

    public string Endpoint { get; }

    public TimeSpan CallTimeout { get; }

    public FrameReader Reader { get; }

    /// <summary>Request frames up to this size are encoded into the preallocated send buffer.</summary>
    public byte[] SendBuffer { get; } = new byte[WireLimits.LengthPrefix + WireLimits.MaxHostFrameLength + 16];

    public static SimTransport Connect(string endpoint, TimeSpan callTimeout)
    {
        var timeoutMs = (int)Math.Ceiling(callTimeout.TotalMilliseconds);
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified)
        {
            ReceiveTimeout = timeoutMs,
            SendTimeout = timeoutMs,
        };
        try
        {
            socket.Connect(new UnixDomainSocketEndPoint(endpoint));
        }
        catch (SocketException ex)
        {
            socket.Dispose();
            throw UserClientException.Dead(endpoint, IOReturn.Offline, $"cannot connect: {ex.SocketErrorCode} ({ex.Message})", ex);
        }

        return new SimTransport(endpoint, socket, callTimeout);
    }

    public void Send(ReadOnlySpan<byte> frame, RequestLabel label)
    {
        try
        {
            while (!frame.IsEmpty)
            {
                frame = frame[socket.Send(frame, SocketFlags.None)..];
            }
        }
        catch (SocketException ex) when (IsTimeout(ex))
        {
            throw new WaitTimeoutException($"{Endpoint} to accept the {label}", CallTimeout, FaultKind.ProductDefect);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            throw UserClientException.Dead(Endpoint, IOReturn.NotOpen, $"connection lost sending the {label}", ex);
        }
    }

    /// <summary>Next frame, blocking; each receive is bounded by the socket's call timeout.</summary>
    public ReadOnlySpan<byte> Receive(RequestLabel label)
    {
        try
        {
            if (Reader.TryNext(out var frame))
            {
                return frame;
            }
        }
        catch (IOException ex) when (ex.InnerException is SocketException se && IsTimeout(se))
        {
            throw new WaitTimeoutException($"the reply to the {label} from {Endpoint}", CallTimeout, FaultKind.ProductDefect);
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
            throw UserClientException.Dead(Endpoint, IOReturn.NotOpen, $"connection lost waiting for the reply to the {label}", ex);
        }

        throw UserClientException.Dead(Endpoint, IOReturn.NotOpen, $"the endpoint closed the connection before answering the {label}");
    }

    /// <summary>The completion thread owns reads from now on and blocks without a timeout; Dispose wakes it.</summary>
    public void BlockReadsForever() => socket.ReceiveTimeout = 0;

    public void Dispose()
    {
        try
        {
            socket.Shutdown(SocketShutdown.Both);
        }
        catch (SocketException)
        {
            // Already disconnected: nothing left to shut down.
        }

        stream.Dispose();
        socket.Dispose();
    }

    private static bool IsTimeout(SocketException ex) =>
        ex.SocketErrorCode is SocketError.TimedOut or SocketError.WouldBlock;
}
