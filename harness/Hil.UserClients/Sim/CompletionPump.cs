using Hil.Foundation;
using Hil.UserClients.Wire;

namespace Hil.UserClients.Sim;

/// <summary>
/// The connection's completion thread: blocks on the socket, runs async frames' handlers
/// in place and hands replies to the waiting caller through the <see cref="ReplySlot"/>.
/// Handlers run on this thread and see args in a buffer reused per frame (valid only
/// during the call), so dispatch allocates nothing.
/// </summary>
internal sealed class CompletionPump(
    SimTransport transport, ReplySlot slot, CompletionTable completions, Action<Exception> fault)
{
    private readonly ulong[] args = new ulong[WireLimits.MaxScalars];
    private Thread? thread;
    private volatile bool stopping;

    public bool IsRunning => thread is not null;

    public bool IsCurrentThread => thread == Thread.CurrentThread;

    public void Start()
    {
        transport.BlockReadsForever();
        thread = new Thread(Run)
        {
            IsBackground = true,
            Name = "hil-uc-completions",
            Priority = ThreadPriority.AboveNormal,
        };
        thread.Start();
    }

    /// <summary>Before the socket is closed: the read that then fails is a normal way out, not a fault.</summary>
    public void RequestStop() => stopping = true;

    /// <summary>After the socket is closed; waits a bounded time for the thread to leave (never from the thread itself).</summary>
    public void Join(TimeSpan timeout)
    {
        if (thread is not null && !IsCurrentThread)
        {
            thread.Join(timeout);
        }
    }

    private void Run()
    {
        try
        {
            while (transport.Reader.TryNext(out var bytes))
            {
                Handle(FrameDecoder.Decode(bytes), bytes);
            }

            if (!stopping)
            {
                fault(UserClientException.Dead(transport.Endpoint, IOReturn.NotOpen, "the endpoint closed the connection"));
            }
        }
        catch (Exception ex) when (stopping && ex is IOException or ObjectDisposedException)
        {
            // Dispose closed the socket under the blocked read: a normal way out.
        }
#pragma warning disable CA1031 // the thread must not die silently: every failure becomes the connection's fault
        catch (Exception ex)
#pragma warning restore CA1031
        {
            fault(ex);
        }
    }

    private void Handle(Frame frame, ReadOnlySpan<byte> bytes)
    {
        switch (frame.Kind)
        {
            case FrameKind.Async:
                Dispatch(frame);
                break;
            case FrameKind.Reply when slot.Offer(frame.Id, bytes) == OfferResult.Unexpected:
                throw new UserClientException(
                    FaultKind.ProductDefect, frame.Status, transport.Endpoint,
                    $"reply with id {frame.Id} answers no request sent on this connection");
            case FrameKind.Reply:
                break;
            default:
                throw new UserClientException(
                    FaultKind.ProductDefect, IOReturn.Error, transport.Endpoint,
                    $"the host sent a {frame.Kind} frame; only reply and async frames flow to the app");
        }
    }

    private void Dispatch(Frame frame)
    {
        var handler = completions.Find(frame.Reference) ?? throw new UserClientException(
            FaultKind.ProductDefect, frame.Status, transport.Endpoint,
            $"async completion for reference {frame.Reference}, which no call registered");
        var n = frame.CopyScalars(args);
        try
        {
            handler(frame.Reference, frame.Status, args.AsSpan(0, n));
        }
        catch (Exception ex) when (ex is not HilException)
        {
            throw new UserClientException(
                FaultKind.HarnessError, frame.Status, transport.Endpoint,
                $"completion handler for reference {frame.Reference} threw {ex.GetType().Name}: {ex.Message}", ex);
        }
    }
}
