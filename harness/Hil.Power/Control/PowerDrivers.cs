using System.Collections.Frozen;
using System.Reflection;
using Hil.Rigs;

namespace Hil.Power;

/// <summary>
/// A driver names the kind it binds to (labgrid's driver registry is the model) and opens a
/// switch of that kind; <see cref="PowerDrivers"/> finds every one, so a new board is its
/// driver file, its emulator file and its line in <see cref="PowerKinds"/>.
/// </summary>
internal interface IPowerDriver
{
    /// <summary>The <see cref="PowerKind.Name"/> this driver drives.</summary>
    static abstract string Drives { get; }

    static abstract Task<IPowerSwitch> OpenAsync(PowerSwitchSpec spec, DriverContext context, CancellationToken cancellationToken);
}

/// <summary>What opening any driver may need: the byte stream opener, the clock and the options.</summary>
internal sealed record DriverContext(IByteStreamOpener Opener, TimeProvider Time, PowerOptions Options)
{
    public TimeSpan ReplyTimeout => Options.ReplyTimeout;
}

/// <summary>Every <see cref="IPowerDriver"/> in this assembly, by the kind it drives.</summary>
internal static class PowerDrivers
{
    public delegate Task<IPowerSwitch> Open(PowerSwitchSpec spec, DriverContext context, CancellationToken cancellationToken);

    public static FrozenDictionary<string, (string Kind, Open Open)> ByKind { get; } = KindBindings.Discover<(string Kind, Open Open)>(
        typeof(IPowerDriver), typeof(PowerDrivers).GetMethod(nameof(Bind), BindingFlags.NonPublic | BindingFlags.Static)!, d => d.Kind);

    private static (string Kind, Open Open) Bind<T>()
        where T : IPowerDriver => (T.Drives, T.OpenAsync);
}
