using Hil.Foundation;
using Hil.Rigs;

namespace Hil.Power;

/// <summary>
/// What every driver shares: channel range checks, one command at a time per board, and
/// read-back after every switch so a board that did not switch is a rig fault, not a
/// product failure seen minutes later as a device that never enumerated.
/// </summary>
internal abstract class PowerSwitchBase : IPowerSwitch
{
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);
    private readonly Dictionary<int, bool> _lastSet = [];

    protected PowerSwitchBase(PowerSwitchSpec spec, string address)
    {
        Spec = spec;
        FirstChannel = PowerKinds.FirstChannel(spec.Kind);
        Board = $"{spec.Kind} board '{spec.Name}' ({address})";
    }

    public string Name => Spec.Name;

    public int Channels => Spec.Channels;

    public abstract bool CanReadBack { get; }

    /// <summary>The board's own numbering, from its kind's line in <see cref="PowerKinds"/>.</summary>
    public int FirstChannel { get; }

    /// <summary>How errors name this board.</summary>
    public string Board { get; }

    protected PowerSwitchSpec Spec { get; }

    public async Task SetAsync(int channel, bool on, CancellationToken cancellationToken)
    {
        CheckChannel(channel);
        await _oneAtATime.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await WriteAsync(channel, on, cancellationToken).ConfigureAwait(false);
            _lastSet[channel] = on;
            if (!CanReadBack)
            {
                return;
            }

            var actual = await ReadHardwareAsync(channel, cancellationToken).ConfigureAwait(false);
            if (actual != on)
            {
                throw new RigFaultException(
                    $"{Board} channel {channel}: switched {OnOff(on)} but the board reports {OnOff(actual)}");
            }
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    public async Task<bool> ReadAsync(int channel, CancellationToken cancellationToken)
    {
        CheckChannel(channel);
        if (!CanReadBack)
        {
            return _lastSet.GetValueOrDefault(channel);
        }

        await _oneAtATime.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await ReadHardwareAsync(channel, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    public virtual ValueTask DisposeAsync()
    {
        _oneAtATime.Dispose();
        return ValueTask.CompletedTask;
    }

    internal static string OnOff(bool on) => on ? "ON" : "OFF";

    protected abstract Task WriteAsync(int channel, bool on, CancellationToken cancellationToken);

    protected abstract Task<bool> ReadHardwareAsync(int channel, CancellationToken cancellationToken);

    private void CheckChannel(int channel)
    {
        var last = FirstChannel + Channels - 1;
        if (channel < FirstChannel || channel > last)
        {
            throw new InputException(
                $"{Spec.Where}: {Board} has channels {FirstChannel}..{last} (as the board numbers them); channel {channel} does not exist");
        }
    }
}
