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

        var board = GetOrCreate(spec, () => RelayEmulators.Create(spec));
        if (board.Vanished)
        {
            throw new RigFaultException($"{spec.Where}: power.{spec.Name}: the {spec.Kind} board vanished: its port is gone");
        }

        return board is SerialRelayEmulator serial
            ? Task.FromResult(serial.OpenHostStream())
            : throw new InputException($"{spec.Where}: power.{spec.Name}: the {spec.Kind} emulator is not a serial board; expected one of {string.Join(", ", RelayEmulators.SerialKinds)}");
    }

    public IHidBackend HidFor(PowerSwitchSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        GetOrCreate(spec, () =>
        {
            var board = RelayEmulators.Create(spec);
            if (board is DcttechEmulator hid)
            {
                _hid.Plug(hid);
            }

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
