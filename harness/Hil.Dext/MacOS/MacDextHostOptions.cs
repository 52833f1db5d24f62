using Hil.Rigs;

namespace Hil.Dext.MacOS;

/// <summary>
/// How <see cref="MacDextHost"/> reaches the Mac. A dext is activated by its host app
/// (OSSystemExtensionRequest), never by a CLI, so <see cref="Activator"/> is the host app's
/// executable with the arguments that make it submit an activation or deactivation request.
/// Without one, activation only waits for an extension installed by other means (MDM).
/// </summary>
public sealed record MacDextHostOptions
{
    public string? Activator { get; init; }

    public IReadOnlyList<string> ActivateArguments { get; init; } = ["activate"];

    public IReadOnlyList<string> DeactivateArguments { get; init; } = ["deactivate"];

    public string SystemExtensionsCtl { get; init; } = "systemextensionsctl";

    public string Ioreg { get; init; } = "ioreg";

    /// <summary>How often state is re-read while waiting; waits themselves are bounded by the rig's timeouts.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// These options with the rig's <c>dext.host_app</c> as the activator, unless one is set already:
    /// "X.app" runs X.app/Contents/MacOS/X (dext/hostapp/README.md's layout), anything else runs as
    /// given; the bundle id goes after the verb so an app embedding several dexts picks the rig's.
    /// </summary>
    public MacDextHostOptions WithHostAppOf(DextSpec dext)
    {
        ArgumentNullException.ThrowIfNull(dext);
        return Activator is not null || dext.HostApp is not { } app
            ? this
            : this with
            {
                Activator = HostAppExecutable(app),
                ActivateArguments = ["activate", dext.BundleId],
                DeactivateArguments = ["deactivate", dext.BundleId],
            };
    }

    /// <summary>The executable of a host app given as a bundle path or as the executable itself.</summary>
    public static string HostAppExecutable(string hostApp)
    {
        ArgumentException.ThrowIfNullOrEmpty(hostApp);
        var trimmed = hostApp.TrimEnd('/');
        return trimmed.EndsWith(".app", StringComparison.Ordinal)
            ? Path.Combine(trimmed, "Contents", "MacOS", Path.GetFileNameWithoutExtension(trimmed))
            : trimmed;
    }
}
