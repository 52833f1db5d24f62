namespace Hil.Dext;

public enum ProcessLayout
{
    /// <summary>Attach the new service to the running (or launching) server with the same IOUserServerName.</summary>
    JoinExisting,

    /// <summary>Launch a new dext process for the service.</summary>
    NewProcess,
}

/// <summary>
/// Where a matched service runs. <see cref="KernelLog"/> is the line xnu would log for this
/// decision, when it logs one (the wrong-organization case).
/// </summary>
public sealed record ProcessLayoutDecision(ProcessLayout Layout, string ServerName, string Reason, string? KernelLog);

/// <summary>
/// The kernel's choice between joining a dext process and launching a new one, as xnu
/// (8019 and later) makes it in IOService.cpp / IOUserServer::launchUserServer
/// (reference/driverkit.md §1): reuse is asked for when IOUserServerOneProcess is PRESENT
/// (its value is never read); it is refused when IOUserServerName does not start with the
/// bundle ID's organization prefix (its first two dot components); when asked for and
/// allowed, a launch in progress or a registered server with the same name is joined;
/// otherwise a new process starts.
/// </summary>
public static class ProcessLayoutRule
{
    public static ProcessLayoutDecision Decide(
        DextPersonality personality, string bundleId, bool serverRunning, bool launchInProgress)
    {
        ArgumentNullException.ThrowIfNull(personality);
        var name = personality.IOUserServerName;
        if (!personality.OneProcessKeyPresent)
        {
            return New(name, $"personality {personality.Name} has no IOUserServerOneProcess key: one process per service");
        }

        if (!HasOrganizationPrefix(name, bundleId))
        {
            var log = $"IOUserServerName \"{name}\" not correct organization for bundleID \"{bundleId}\"";
            return new ProcessLayoutDecision(ProcessLayout.NewProcess, name, log, log);
        }

        if (launchInProgress)
        {
            return Join(name, $"a launch of server {name} is in progress (check-in token shared)");
        }

        return serverRunning
            ? Join(name, $"using existing server {name}")
            : New(name, $"no server named {name} is running yet");
    }

    /// <summary>
    /// "com.acme." for "com.acme.driver": the first two dot-separated components and the dot
    /// after them. Null when the bundle ID has fewer than two non-empty components, in which
    /// case no server name can qualify [inference: the kernel finds no organization to match].
    /// </summary>
    public static string? OrganizationPrefix(string bundleId)
    {
        ArgumentNullException.ThrowIfNull(bundleId);
        var parts = bundleId.Split('.');
        return parts.Length >= 2 && parts[0].Length > 0 && parts[1].Length > 0
            ? $"{parts[0]}.{parts[1]}."
            : null;
    }

    public static bool HasOrganizationPrefix(string serverName, string bundleId)
    {
        ArgumentNullException.ThrowIfNull(serverName);
        var prefix = OrganizationPrefix(bundleId);
        return prefix is not null && serverName.StartsWith(prefix, StringComparison.Ordinal);
    }

    private static ProcessLayoutDecision Join(string name, string reason) =>
        new(ProcessLayout.JoinExisting, name, reason, null);

    private static ProcessLayoutDecision New(string name, string reason) =>
        new(ProcessLayout.NewProcess, name, reason, null);
}
