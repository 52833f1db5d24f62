using System.Collections.Frozen;
using System.Reflection;
using Hil.Foundation;
using Hil.Power;
using Hil.Rigs;

namespace Hil.Sim.Relays;

/// <summary>
/// An emulator names the kind it emulates and builds itself for a rig's switch, as a driver
/// names the kind it drives; <see cref="RelayEmulators"/> finds every one in this assembly.
/// </summary>
internal interface IRelayEmulatorFactory
{
    /// <summary>The <see cref="PowerKind.Name"/> this emulator answers for.</summary>
    static abstract string Emulates { get; }

    static abstract RelayEmulatorBase Create(PowerSwitchSpec spec);
}

/// <summary>Creates the emulator for a switch kind: every <see cref="IRelayEmulatorFactory"/>, by kind.</summary>
public static class RelayEmulators
{
    private static readonly FrozenDictionary<string, Binding> ByKind = KindBindings.Discover<Binding>(
        typeof(IRelayEmulatorFactory), typeof(RelayEmulators).GetMethod(nameof(Bind), BindingFlags.NonPublic | BindingFlags.Static)!, b => b.Kind);

    /// <summary>The kinds with an emulator, in <see cref="PowerKinds"/> order.</summary>
    public static IReadOnlyList<string> Kinds { get; } = [.. PowerKinds.Names.Where(ByKind.ContainsKey)];

    /// <summary>The kinds whose emulator serves a byte stream, so `hil power emulate` can put it on a pty.</summary>
    public static IReadOnlyList<string> SerialKinds { get; } = [.. Kinds.Where(k => ByKind[k].Type.IsAssignableTo(typeof(SerialRelayEmulator)))];

    public static SerialRelayEmulator CreateSerial(string kind, int channels) =>
        SerialKinds.Contains(kind)
            ? (SerialRelayEmulator)ByKind[kind].Create(new PowerSwitchSpec(kind, kind, "sim", null, null, channels, new SourceLocation("--kind", 0, 0)))
            : throw new InputException($"no serial emulator for kind '{kind}'; expected one of {string.Join(", ", SerialKinds)}");

    /// <summary>The emulator for <paramref name="spec"/>'s kind, or an input error naming the kinds that have one.</summary>
    internal static RelayEmulatorBase Create(PowerSwitchSpec spec) =>
        ByKind.TryGetValue(spec.Kind, out var binding)
            ? binding.Create(spec)
            : throw new InputException($"{spec.Where}: power.{spec.Name}.kind: no emulator for kind '{spec.Kind}'; expected one of {string.Join(", ", Kinds)}");

    private static Binding Bind<T>()
        where T : RelayEmulatorBase, IRelayEmulatorFactory => new(T.Emulates, typeof(T), T.Create);

    private sealed record Binding(string Kind, Type Type, Func<PowerSwitchSpec, RelayEmulatorBase> Create);
}
