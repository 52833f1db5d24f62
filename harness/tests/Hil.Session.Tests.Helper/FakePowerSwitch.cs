using System.Collections.Concurrent;
using System.Globalization;
using Hil.Foundation;
using Hil.Power;

namespace Hil.Session.Tests.Helper;

/// <summary>
/// An in-memory switch that records every call. With a state file it also persists the channel
/// states (atomically), so a test can read what a killed process left its relays in. Channels
/// run from <paramref name="first"/>, as the board kind it stands in for numbers them.
/// </summary>
public sealed class FakePowerSwitch(
    string name, int channels, int first = 1, string? stateFile = null, Action<string>? journal = null) : IPowerSwitch
{
    private readonly bool[] _state = new bool[first + channels];
    private readonly Lock _gate = new();

    public string Name => name;

    public int Channels => channels;

    public bool CanReadBack => true;

    public ConcurrentQueue<(int Channel, bool On)> Calls { get; } = new();

    /// <summary>Channels whose SetAsync throws a RigFaultException, as a board that lost a relay would.</summary>
    public HashSet<int> Failing { get; } = [];

    /// <summary>Channels whose SetAsync never completes, as a board that stopped answering would.</summary>
    public HashSet<int> Hanging { get; } = [];

    public bool Disposed { get; private set; }

    public async Task SetAsync(int channel, bool on, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(channel, first);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(channel, first + channels - 1);
        Calls.Enqueue((channel, on));
        journal?.Invoke($"{name}/{channel}={(on ? "on" : "off")}");
        if (Hanging.Contains(channel))
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        if (Failing.Contains(channel))
        {
            throw new RigFaultException($"{name} channel {channel}: board did not acknowledge");
        }

        lock (_gate)
        {
            _state[channel] = on;
            Persist();
        }
    }

    public Task<bool> ReadAsync(int channel, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_state[channel]);
        }
    }

    public bool IsOn(int channel)
    {
        lock (_gate)
        {
            return _state[channel];
        }
    }

    public ValueTask DisposeAsync()
    {
        Disposed = true;
        journal?.Invoke($"dispose {name}");
        return ValueTask.CompletedTask;
    }

    /// <summary>Reads a state file: channel → on.</summary>
    public static IReadOnlyDictionary<int, bool> ReadStateFile(string path) =>
        File.ReadAllLines(path)
            .Select(line => line.Split('='))
            .ToDictionary(kv => int.Parse(kv[0], CultureInfo.InvariantCulture), kv => kv[1] == "on");

    private void Persist()
    {
        if (stateFile is null)
        {
            return;
        }

        var lines = Enumerable.Range(first, channels).Select(c => $"{c}={(_state[c] ? "on" : "off")}");
        AtomicFile.WriteAllText(stateFile, string.Join('\n', lines) + "\n");
    }
}
