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
}
