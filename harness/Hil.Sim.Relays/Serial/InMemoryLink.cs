using System.IO.Pipelines;
using Hil.Power;

namespace Hil.Sim.Relays;

/// <summary>
/// A duplex byte link in memory: what one end writes the other reads. Closing either end is
/// seen by the other as end-of-stream on read and an <see cref="IOException"/> on write, as a
/// serial device that was unplugged would be.
/// </summary>
internal static class InMemoryLink
{
    public static (Stream Host, Stream Device) CreatePair()
    {
        var toDevice = new Pipe();
        var toHost = new Pipe();
        return (new End(toHost.Reader, toDevice.Writer), new End(toDevice.Reader, toHost.Writer));
    }

    private sealed class End(PipeReader reader, PipeWriter writer) : DuplexStream
    {
        private readonly Stream _read = reader.AsStream();
        private int _closed;
        private int _reading;

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _reading);
            try
            {
                return await _read.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (_closed != 0 && !cancellationToken.IsCancellationRequested)
            {
                return 0;
            }
            finally
            {
                // A pipe reader must not be completed under a pending read; the last reader out completes it.
                if (Interlocked.Decrement(ref _reading) == 0 && _closed != 0)
                {
                    reader.Complete();
                }
            }
        }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            ObjectDisposedException.ThrowIf(_closed != 0, this);
            var result = await writer.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
            if (result.IsCompleted)
            {
                throw new IOException("the other end of the link is closed");
            }
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing && Interlocked.Exchange(ref _closed, 1) == 0)
            {
                writer.Complete();
                if (Volatile.Read(ref _reading) == 0)
                {
                    reader.Complete();
                }
                else
                {
                    reader.CancelPendingRead();
                }
            }

            base.Dispose(disposing);
        }
    }
}
