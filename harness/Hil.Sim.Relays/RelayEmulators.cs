using Hil.Foundation;

namespace Hil.Sim.Relays;

/// <summary>Creates the emulator for a switch kind; the one place that knows which kinds are emulated.</summary>
public static class RelayEmulators
{
    public static readonly IReadOnlyList<string> SerialKinds = ["numato", "lcus", "kmtronic"];

    public static SerialRelayEmulator CreateSerial(string kind, int channels) => kind switch
    {
        "numato" => new NumatoEmulator(channels),
        "lcus" => new LcusEmulator(channels),
        "kmtronic" => new KmtronicEmulator(channels),
        _ => throw new InputException($"no serial emulator for kind '{kind}'; expected one of {string.Join(", ", SerialKinds)}"),
    };
}
