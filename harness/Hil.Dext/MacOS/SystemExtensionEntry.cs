namespace Hil.Dext.MacOS;

/// <summary>
/// One row of `systemextensionsctl list`. <see cref="Version"/> is the text in parentheses
/// after the bundle ID as printed ("1.0.0/1.0.0"); <see cref="State"/> is the bracketed state
/// without brackets ("activated enabled", "activated waiting for user", …).
/// </summary>
public sealed record SystemExtensionEntry(
    string Category,
    bool Enabled,
    bool Active,
    string TeamId,
    string BundleId,
    string Version,
    string Name,
    string State,
    int Line)
{
    public bool IsActivatedEnabled => State == "activated enabled";

    public bool IsWaitingForUser => State.Contains("waiting for user", StringComparison.Ordinal);
}
