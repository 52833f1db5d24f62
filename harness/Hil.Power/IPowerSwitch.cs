namespace Hil.Power;

/// <summary>
/// One relay board or switchable hub. Channels are numbered as the board's own protocol
/// numbers them. Implementations verify the state they set wherever the hardware can
/// report it and raise <see cref="Hil.Foundation.RigFaultException"/> naming the board and
/// channel when it does not match; they never report a switch they did not make.
/// </summary>
public interface IPowerSwitch : IAsyncDisposable
{
    string Name { get; }

    int Channels { get; }

    /// <summary>True when <see cref="ReadAsync"/> reports the hardware's real state.</summary>
    bool CanReadBack { get; }

    Task SetAsync(int channel, bool on, CancellationToken cancellationToken);

    /// <summary>The channel's state as the hardware reports it, or the last state set when it cannot.</summary>
    Task<bool> ReadAsync(int channel, CancellationToken cancellationToken);
}
