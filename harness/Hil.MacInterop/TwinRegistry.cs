using System.Runtime.InteropServices;
using System.Text;

namespace Hil.MacInterop;

/// <summary>
/// The sim side's hold on libhil-macos-twin's registry (dext/twin/control.cpp): services the
/// sim kernel and the sim USB bus have are published here, so the Mac code finds them with
/// IOServiceGetMatchingServices and matching notifications exactly as on a Mac; <see cref="Audit"/>
/// names the objects the Mac code leaked or released twice. Needs <see cref="MacLibraries.UseTwin"/> first.
/// </summary>
public static partial class TwinRegistry
{
    /// <summary>Publishes an entry with its properties and registers it (first-match notifications go out).</summary>
    /// <exception cref="InvalidOperationException">The twin refused it: a null name or an ID already registered.</exception>
    public static void Publish(
        ulong registryId, string className, string name, string? endpoint, string? token,
        IReadOnlyDictionary<string, string> strings, IReadOnlyDictionary<string, long> numbers)
    {
        ArgumentNullException.ThrowIfNull(strings);
        ArgumentNullException.ThrowIfNull(numbers);
        Check(hil_twin_publish_service(registryId, className, name, endpoint, token), registryId, "publish");
        foreach (var (key, value) in strings)
        {
            Check(hil_twin_set_property_string(registryId, key, value), registryId, $"set property {key}");
        }

        foreach (var (key, value) in numbers)
        {
            Check(hil_twin_set_property_number(registryId, key, value), registryId, $"set property {key}");
        }

        Check(hil_twin_register_service(registryId), registryId, "register");
    }

    /// <summary>The entitlement the app presents from now on (null: the token each service was published with).</summary>
    public static void SetClientEntitlement(string? token) => hil_twin_set_client_entitlement(token);

    /// <summary>Terminates the entry (terminated notifications go out); false when it was not registered.</summary>
    public static bool Terminate(ulong registryId) => hil_twin_terminate_service(registryId) == 0;

    /// <summary>Leaks and over-releases not reported before, one per line naming the creating call; empty when clean.</summary>
    public static unsafe string Audit()
    {
        while (true)
        {
            var length = (int)hil_twin_audit(null, 0);
            var buffer = new byte[length + 1];
            fixed (byte* p = buffer)
            {
                if ((int)hil_twin_audit(p, (nuint)buffer.Length) == length)
                {
                    return Encoding.UTF8.GetString(buffer, 0, length);
                }
            }
        }
    }

    private static void Check(int result, ulong registryId, string what)
    {
        if (result != 0)
        {
            throw new InvalidOperationException($"libhil-macos-twin refused to {what} registry entry 0x{registryId:x}");
        }
    }

    [LibraryImport(MacLibraries.IOKit, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int hil_twin_publish_service(ulong id, string className, string name, string? endpoint, string? token);

    [LibraryImport(MacLibraries.IOKit, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int hil_twin_set_property_string(ulong id, string key, string value);

    [LibraryImport(MacLibraries.IOKit, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int hil_twin_set_property_number(ulong id, string key, long value);

    [LibraryImport(MacLibraries.IOKit)]
    private static partial int hil_twin_register_service(ulong id);

    [LibraryImport(MacLibraries.IOKit, StringMarshalling = StringMarshalling.Utf8)]
    private static partial void hil_twin_set_client_entitlement(string? token);

    [LibraryImport(MacLibraries.IOKit)]
    private static partial int hil_twin_terminate_service(ulong id);

    [LibraryImport(MacLibraries.IOKit)]
    private static unsafe partial nuint hil_twin_audit(byte* buffer, nuint capacity);
}
