using System.Runtime.InteropServices;
using Hil.Power;

namespace Hil.Sim.Relays;

/// <summary>
/// The master descriptor as a Stream. Reads poll with a short slice so cancellation and
/// disposal end them promptly; the descriptor is closed by whichever of Dispose and the last
/// pending read comes last, never under a read in progress.
/// </summary>
internal sealed class PtyMasterStream(int fd) : DuplexStream
{
    private const int PollSliceMs = 50;
    private int _reading;
    private int _closed;
    private int _fdClosed;

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        new(Task.Run(() => ReadBlocking(buffer, cancellationToken), cancellationToken));

    /// <summary>A pty master takes writes at once (the slave side buffers them), so this completes synchronously.</summary>
    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_closed != 0, this);
        var data = buffer.ToArray();
        for (var done = 0; done < data.Length;)
        {
            var chunk = data[done..];
            var n = LibC.Write(fd, chunk, (nuint)chunk.Length);
            if (n < 0 && Marshal.GetLastPInvokeError() is not (LibC.EIntr or LibC.EAgain))
            {
                throw new IOException($"write to pty master failed: {Marshal.GetLastPInvokeErrorMessage()}");
            }

            done += (int)Math.Max(n, 0);
        }

        return ValueTask.CompletedTask;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && Interlocked.Exchange(ref _closed, 1) == 0 && Volatile.Read(ref _reading) == 0)
        {
            CloseFd();
        }

        base.Dispose(disposing);
    }

    private int ReadBlocking(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _reading);
        try
        {
            var poll = new LibC.PollFd { Fd = fd, Events = LibC.PollIn };
            while (_closed == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                poll.Revents = 0;
                if (LibC.Poll(ref poll, 1, PollSliceMs) <= 0 || (poll.Revents & LibC.PollIn) == 0)
                {
                    continue;
                }

                var chunk = new byte[buffer.Length];
                var n = LibC.Read(fd, chunk, (nuint)chunk.Length);
                if (n > 0)
                {
                    chunk.AsSpan(0, (int)n).CopyTo(buffer.Span);
                    return (int)n;
                }

                if (n == 0 || Marshal.GetLastPInvokeError() is not (LibC.EIntr or LibC.EAgain))
                {
                    return 0;
                }
            }

            return 0;
        }
        finally
        {
            if (Interlocked.Decrement(ref _reading) == 0 && _closed != 0)
            {
                CloseFd();
            }
        }
    }

    private void CloseFd()
    {
        if (Interlocked.Exchange(ref _fdClosed, 1) == 0)
        {
            _ = LibC.Close(fd);
        }
    }
}
