namespace Hil.Sim.Relays;

/// <summary>
/// A serial relay board: serves its protocol on the device side of a byte stream (an
/// in-memory pipe, or a pseudo-terminal's master). Subclasses only turn bytes in into bytes out.
/// </summary>
public abstract class SerialRelayEmulator : RelayEmulatorBase
{
    private readonly List<Stream> _served = [];
    private readonly Lock _servedGate = new();

    protected SerialRelayEmulator(string kind, int channels)
        : base(kind, channels)
    {
    }

    /// <summary>The host side of an in-memory link whose device side this emulator serves until the host closes it.</summary>
    /// <exception cref="IOException">The board vanished: its port is gone.</exception>
    public Stream OpenHostStream()
    {
        if (Vanished)
        {
            throw new IOException($"the {Kind} board vanished: no such device");
        }

        var (host, device) = InMemoryLink.CreatePair();
        _ = ServeAsync(device, CancellationToken.None);
        return host;
    }

    /// <summary>Answers whatever arrives on <paramref name="device"/> until it closes, the token fires or the board vanishes.</summary>
    public async Task ServeAsync(Stream device, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(device);
        lock (_servedGate)
        {
            _served.Add(device);
        }

        var buffer = new byte[256];
        var reply = new List<byte>();
        try
        {
            while (!Vanished)
            {
                var n = await device.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
                if (n == 0)
                {
                    return;
                }

                if (StopAnswering)
                {
                    continue;
                }

                reply.Clear();
                foreach (var b in buffer.AsSpan(0, n))
                {
                    OnByte(b, reply);
                }

                if (reply.Count > 0)
                {
                    var bytes = TakeGarble() ? Garble(reply.ToArray()) : reply.ToArray();
                    await device.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
                    await device.FlushAsync(cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException or InvalidOperationException)
        {
            // The host closed its end or the board was unplugged: serving ends quietly.
        }
        finally
        {
            lock (_servedGate)
            {
                _served.Remove(device);
            }

            await device.DisposeAsync().ConfigureAwait(false);
        }
    }

    public override void Vanish()
    {
        base.Vanish();
        Stream[] served;
        lock (_servedGate)
        {
            served = [.. _served];
        }

        foreach (var stream in served)
        {
            stream.Dispose();
        }
    }

    /// <summary>Feeds one received byte to the protocol; appends whatever the board would send back.</summary>
    protected abstract void OnByte(byte b, List<byte> reply);
}
