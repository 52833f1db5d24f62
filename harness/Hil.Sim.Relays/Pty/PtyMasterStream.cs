using System.Runtime.InteropServices;

namespace Hil.Sim.Relays;

/// <summary>
/// The master descriptor as a Stream. Reads poll with a short slice so cancellation and
/// disposal end them promptly; the descriptor is closed by whichever of Dispose and the last
/// pending read comes last, never under a read in progress.
/// </summary>
internal sealed class PtyMasterStream(int fd) : Stream
{
    private const int PollSliceMs = 50;
    private int _reading;
    private int _closed;
    private int _fdClosed;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) =>
        ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        new(Task.Run(() => ReadBlocking(buffer, cancellationToken), cancellationToken));

    public override void Write(byte[] buffer, int offset, int count)
    {
        ObjectDisposedException.ThrowIf(_closed != 0, this);
        var data = buffer.AsSpan(offset, count).ToArray();
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
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Write(buffer.ToArray(), 0, buffer.Length);
        return ValueTask.CompletedTask;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

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
