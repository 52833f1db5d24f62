using System.Collections.Frozen;
using System.Reflection;
using Hil.Rigs;

namespace Hil.Power;

/// <summary>
/// Finds the classes that bind to a power kind (drivers here, emulators in Hil.Sim.Relays):
/// every concrete class in <paramref name="contract"/>'s assembly that implements it, read
/// through a generic <c>Bind&lt;T&gt;</c> so the kind comes from the class's own static member.
/// </summary>
internal static class KindBindings
{
    public static FrozenDictionary<string, TEntry> Discover<TEntry>(Type contract, MethodInfo bind, Func<TEntry, string> kindOf)
    {
        var entries = contract.Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && contract.IsAssignableFrom(t))
            .Select(t => (Type: t, Entry: (TEntry)bind.MakeGenericMethod(t).Invoke(null, null)!))
            .ToList();
        foreach (var (type, entry) in entries)
        {
            var kind = kindOf(entry);
            if (PowerKinds.Find(kind) is null)
            {
                throw new InvalidOperationException(
                    $"{type.Name} binds to kind '{kind}', which has no line in PowerKinds; expected one of {string.Join(", ", PowerKinds.Names)}");
            }

            if (entries.FirstOrDefault(other => other.Type != type && kindOf(other.Entry) == kind) is { Type: { } twin })
            {
                throw new InvalidOperationException($"{type.Name} and {twin.Name} both bind to kind '{kind}'; expected one {contract.Name} per kind");
            }
        }

        return entries.ToFrozenDictionary(e => kindOf(e.Entry), e => e.Entry, StringComparer.Ordinal);
    }
}
