using System.Collections.Concurrent;
using Hil.Foundation;
using Hil.Power;
using Hil.Rigs;

namespace Hil.Sim.Relays;

/// <summary>
/// Resolves <c>port: sim</c> to an emulator in memory, so the real protocol driver runs
/// against it; other ports go to <paramref name="real"/>. The sim wires each emulator's
/// <see cref="IRelayEmulator.ChannelChanged"/> to its USB bus through <see cref="EmulatorCreated"/>
/// or <see cref="Emulators"/>.
/// </summary>
public sealed class SimRelayOpener(IByteStreamOpener? real = null) : IByteStreamOpener, IHidBackendSource
{
    private readonly ConcurrentDictionary<string, RelayEmulatorBase> _emulators = new(StringComparer.Ordinal);
    private readonly SimHidBus _hid = new();

    public event Action<string, IRelayEmulator>? EmulatorCreated;

    /// <summary>The emulators created so far, by switch name.</summary>
    public IReadOnlyDictionary<string, IRelayEmulator> Emulators =>
        _emulators.ToDictionary(kv => kv.Key, kv => (IRelayEmulator)kv.Value, StringComparer.Ordinal);

    /// <summary>The fault knobs of a switch's emulator (timeouts, garbled replies, vanishing).</summary>
    public IRelayFaults Faults(string switchName) => _emulators[switchName];

    public Task<Stream> OpenAsync(PowerSwitchSpec spec, SerialLine line, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.Port != "sim")
        {
            return real is null
                ? throw new InputException($"{spec.Where}: power.{spec.Name}.port: this rig only has emulated boards; expected 'sim', got '{spec.Port}'")
                : real.OpenAsync(spec, line, cancellationToken);
        }

        var emulator = GetOrCreate(spec, () => RelayEmulators.CreateSerial(spec.Kind, spec.Channels));
        return Task.FromResult(((SerialRelayEmulator)emulator).OpenHostStream());
    }

    public IHidBackend HidFor(PowerSwitchSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        GetOrCreate(spec, () =>
        {
            var board = new DcttechEmulator(spec.Serial ?? "SIM01", spec.Channels, $"sim-hidraw-{spec.Name}");
            _hid.Plug(board);
            return board;
        });
        return _hid;
    }

    private RelayEmulatorBase GetOrCreate(PowerSwitchSpec spec, Func<RelayEmulatorBase> create)
    {
        var created = false;
        var emulator = _emulators.GetOrAdd(spec.Name, _ =>
        {
            created = true;
            return create();
        });
        if (created)
        {
            EmulatorCreated?.Invoke(spec.Name, emulator);
        }

        return emulator;
    }
}
