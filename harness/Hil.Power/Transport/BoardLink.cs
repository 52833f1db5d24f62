using Hil.Foundation;

namespace Hil.Power;

/// <summary>
/// The host side of one serial board. A single pump owns the stream's reads, so a reply that
/// timed out never leaves a read pending that would steal the next reply; waits run on the
/// injected <see cref="TimeProvider"/> and every failure is a rig fault naming the board.
/// </summary>
internal sealed class BoardLink : IAsyncDisposable
{
    private readonly Stream _stream;
    private readonly TimeProvider _time;
    private readonly List<byte> _pending = [];
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _pump;
    private TaskCompletionSource _arrived = NewSignal();
    private string? _goneReason;

    public BoardLink(string board, Stream stream, TimeProvider time, TimeSpan replyTimeout)
    {
        Board = board;
        _stream = stream;
        _time = time;
        ReplyTimeout = replyTimeout;
        _pump = Task.Run(PumpAsync);
    }

    /// <summary>How errors name this board, e.g. "numato board 'relay1' (/dev/ttyACM0)".</summary>
    public string Board { get; }

    public TimeSpan ReplyTimeout { get; }

    /// <summary>Drops stale input (a late reply to a timed-out command), then writes.</summary>
    public async Task SendAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            ThrowIfGone();
            _pending.Clear();
        }

        try
        {
            await _stream.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
            await _stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException)
        {
            MarkGone(e.Message);
            ThrowIfGone();
        }
    }

    /// <summary>
    /// Waits for a complete reply. <paramref name="frameLength"/> returns how many leading
    /// bytes of the input form the reply, or 0 while more are needed.
    /// </summary>
    public async Task<byte[]> ReceiveAsync(
        Func<IReadOnlyList<byte>, int> frameLength, string waitedFor, CancellationToken cancellationToken)
    {
        using var abandon = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            return await ReceiveLoopAsync(frameLength, abandon.Token)
                .WithTimeout(ReplyTimeout, waitedFor, FaultKind.RigFault, _time, cancellationToken)
                .ConfigureAwait(false);
        }
        finally
        {
            await abandon.CancelAsync().ConfigureAwait(false);
        }
    }

    /// <summary>What arrived so far without consuming it: for errors that show the bytes received.</summary>
    public byte[] Peek()
    {
        lock (_gate)
        {
            return [.. _pending];
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _stream.DisposeAsync().ConfigureAwait(false);
        try
        {
            await _pump.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The pump ends by cancellation when the link is closed on purpose.
        }

        _stop.Dispose();
    }

    private async Task<byte[]> ReceiveLoopAsync(Func<IReadOnlyList<byte>, int> frameLength, CancellationToken token)
    {
        while (true)
        {
            Task arrived;
            lock (_gate)
            {
                var n = frameLength(_pending);
                if (n > 0)
                {
                    var reply = _pending.GetRange(0, n).ToArray();
                    _pending.RemoveRange(0, n);
                    return reply;
                }

                ThrowIfGone();
                arrived = _arrived.Task;
            }

            await arrived.WaitAsync(token).ConfigureAwait(false);
        }
    }

    private async Task PumpAsync()
    {
        var buffer = new byte[256];
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var n = await _stream.ReadAsync(buffer, _stop.Token).ConfigureAwait(false);
                if (n == 0)
                {
                    MarkGone("the device closed its end of the stream");
                    return;
                }

                lock (_gate)
                {
                    _pending.AddRange(buffer.AsSpan(0, n));
                    Signal();
                }
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException)
        {
            MarkGone(e.Message);
        }
    }

    private void MarkGone(string reason)
    {
        lock (_gate)
        {
            _goneReason ??= _stop.IsCancellationRequested ? "closed by the harness" : reason;
            Signal();
        }
    }

    private void Signal()
    {
        var old = _arrived;
        _arrived = NewSignal();
        old.TrySetResult();
    }

    private void ThrowIfGone()
    {
        if (_goneReason is not null)
        {
            throw new RigFaultException($"{Board} vanished: {_goneReason}");
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
