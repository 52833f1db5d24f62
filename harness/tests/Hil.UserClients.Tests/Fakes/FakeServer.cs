using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Text;
using Hil.UserClients.Wire;

using Hil.UserClients.Sim;

namespace Hil.UserClients.Tests.Fakes;

/// <summary>A request the fake received, copied out of the frame so a test can keep it.</summary>
internal sealed record FakeRequest(FrameKind Kind, uint Id, uint Selector, uint Reference, uint MemoryType, ulong[] Scalars, byte[] Data);

/// <summary>How the fake answers one request; runs on the connection's reader thread.</summary>
internal delegate void FakeHandler(FakeConnection connection, FakeRequest request);

/// <summary>
/// An in-process stand-in for a sim driver endpoint: speaks PROTOCOL.md §2 on a Unix socket
/// in a temp directory with the harness's own codec, checks the open token, and lets each
/// test decide how (and whether) to answer and when to push async frames.
/// </summary>
internal sealed class FakeServer : IDisposable
{
    private readonly Socket listener;
    private readonly string directory;
    private readonly Thread acceptThread;
    private readonly ConcurrentQueue<FakeConnection> all = new();

    /// <summary>The token a server expects unless a test names another.</summary>
    public const string DefaultToken = "tok";

    public FakeServer(FakeHandler? handler = null)
        : this(DefaultToken, handler)
    {
    }

    public FakeServer(string token, FakeHandler? handler = null)
    {
        directory = Directory.CreateTempSubdirectory("hil-uc-").FullName;
        Endpoint = Path.Combine(directory, "d.sock");
        Token = token;
        Handler = handler ?? ((c, r) => c.Reply(r.Id, IOReturn.Success));
        listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(Endpoint));
        listener.Listen(8);
        acceptThread = new Thread(AcceptLoop) { IsBackground = true, Name = "fake-accept" };
        acceptThread.Start();
    }

    public string Endpoint { get; }

    public string Token { get; }

    public FakeHandler Handler { get; set; }

    public BlockingCollection<FakeConnection> Opened { get; } = new();

    public ConcurrentQueue<FakeRequest> Requests { get; } = new();

    /// <summary>A sim user client on this server, presenting its token.</summary>
    public SimUserClient Connect(TimeSpan? callTimeout = null) => SimUserClient.Open(Endpoint, Token, callTimeout ?? TimeSpan.FromSeconds(5));

    public FakeConnection WaitOpened(CancellationToken ct) => Opened.Take(ct);

    public void Dispose()
    {
        listener.Dispose();
        foreach (var c in all)
        {
            c.Dispose();
        }

        Directory.Delete(directory, recursive: true);
    }

    private void AcceptLoop()
    {
        try
        {
            while (true)
            {
                var c = new FakeConnection(this, listener.Accept());
                all.Enqueue(c);
                c.Start();
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // Listener closed by Dispose.
        }
    }
}

internal sealed class FakeConnection(FakeServer server, Socket socket) : IDisposable
{
    private readonly Lock writeGate = new();
    private readonly byte[] out_ = new byte[WireLimits.LengthPrefix + WireLimits.MaxFrameLength];
    private bool opened;

    public void Start() => new Thread(Run) { IsBackground = true, Name = "fake-conn" }.Start();

    public void Reply(uint id, IOReturn status, ulong[]? scalars = null, byte[]? data = null) =>
        Write(b => FrameEncoder.EncodeReply(b, id, status, scalars ?? [], data ?? []));

    public void Async(uint reference, IOReturn status, params ulong[] args) =>
        Write(b => FrameEncoder.EncodeAsync(b, reference, status, args));

    public void Raw(byte[] bytes) => Write(b =>
    {
        bytes.CopyTo(b);
        return bytes.Length;
    });

    public void Close()
    {
        try
        {
            socket.Shutdown(SocketShutdown.Both);
        }
        catch (SocketException)
        {
            // Peer already gone.
        }
    }

    public void Dispose()
    {
        Close();
        socket.Dispose();
    }

    private void Write(Func<byte[], int> encode)
    {
        lock (writeGate)
        {
            var n = encode(out_);
            try
            {
                socket.Send(out_.AsSpan(0, n));
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                // The client went away; the test sees that on its side.
            }
        }
    }

    private void Run()
    {
        using var stream = new NetworkStream(socket, ownsSocket: false);
        var reader = new FrameReader(stream, WireLimits.MaxFrameLength);
        try
        {
            while (reader.TryNext(out var bytes))
            {
                var f = FrameDecoder.Decode(bytes);
                var r = new FakeRequest(f.Kind, f.Id, f.Selector, f.Reference, f.MemoryType, Scalars(f), f.Data.ToArray());
                if (!Admit(r))
                {
                    Close();
                    return;
                }

                if (r.Kind != FrameKind.Open)
                {
                    server.Requests.Enqueue(r);
                    server.Handler(this, r);
                }
            }
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or SocketException)
        {
            // Connection torn down.
        }
    }

    /// <summary>The open handshake as the sim host does it; false closes the connection.</summary>
    private bool Admit(FakeRequest r)
    {
        if (r.Kind == FrameKind.Open)
        {
            var ok = Encoding.UTF8.GetString(r.Data) == server.Token;
            Reply(r.Id, ok ? IOReturn.Success : IOReturn.NotPermitted);
            opened = ok;
            if (ok)
            {
                server.Opened.Add(this);
            }

            return ok;
        }

        if (!opened)
        {
            Reply(r.Id, IOReturn.NotOpen);
            return false;
        }

        return true;
    }

    private static ulong[] Scalars(Frame f)
    {
        var s = new ulong[f.ScalarCount];
        f.CopyScalars(s);
        return s;
    }
}
