using Hil.Dext.MacOS;
using Hil.Foundation;
using Hil.Foundation.Processes;
using Hil.Rigs;

namespace Hil.Cli.Doctor;

/// <summary>
/// What stands between a macOS rig and an active dext (issue 12, dext/hostapp/README.md): the host
/// app that activates it, SIP (which `systemextensionsctl uninstall` and `developer on` need off
/// when there is no host app), developer mode (when the host app is outside /Applications) and an
/// activation waiting for the approval click or an MDM allow-list (no captured `profiles` output
/// shows a policy's team ids, so the allow-list is named as a fix, not read: Samples/SOURCE.md). Each check says what to do. The decisions read captured output (<see cref="From"/>),
/// so they are tested on real captures; <see cref="RunAsync"/> captures it on the Mac.
/// </summary>
internal static class MacDextChecks
{
    private const string Area = "dext on this Mac";
    private const string ApplicationsFolder = "/Applications/";
    private const string DeveloperModeFix = "install the host app in /Applications, or boot to Recovery, run `csrutil disable`, "
        + "then `sudo systemextensionsctl developer on`";
    private const string ApproveFix = "approve it in System Settings > Privacy & Security (Allow), or allow the team id by MDM: "
        + "a com.apple.system-extension-policy profile with AllowedSystemExtensions / AllowedTeamIdentifiers (type DriverExtension)";

    public static async Task<IReadOnlyList<DoctorCheck>> RunAsync(RigSpec rig, IHostProbe host, TimeProvider time, CancellationToken ct)
    {
        var sip = await CaptureAsync(new ProcessCommand("csrutil", "status") { Timeout = TimeSpan.FromSeconds(20) }, time, ct).ConfigureAwait(false);
        var list = await CaptureAsync(new ProcessCommand("systemextensionsctl", "list") { Timeout = TimeSpan.FromSeconds(20) }, time, ct).ConfigureAwait(false);
        var developer = await CaptureAsync(new ProcessCommand("systemextensionsctl", "developer") { Timeout = TimeSpan.FromSeconds(20) }, time, ct).ConfigureAwait(false);
        return From(rig, host, sip, list, developer);
    }

    /// <param name="csrutil">`csrutil status` output, or null when it could not run.</param>
    /// <param name="list">`systemextensionsctl list` output, or null when it could not run.</param>
    /// <param name="developer">`systemextensionsctl developer` output, or null when it could not run.</param>
    public static IReadOnlyList<DoctorCheck> From(RigSpec rig, IHostProbe host, string? csrutil, string? list, string? developer)
    {
        ArgumentNullException.ThrowIfNull(rig);
        if (rig.Dext is not { } dext)
        {
            return [];
        }

        return [HostApp(dext, host), Sip(dext, csrutil), DeveloperModeCheck(dext, developer), Approval(dext, list)];
    }

    private static DoctorCheck HostApp(DextSpec dext, IHostProbe host)
    {
        if (dext.HostApp is not { } app)
        {
            return new DoctorCheck(Area, "host app (dext.host_app)", true,
                "none: activation waits for an MDM-installed dext; deactivation runs systemextensionsctl uninstall (needs SIP off)",
                "build dext/hostapp (its README) and name it in the rig's dext.host_app");
        }

        var exe = MacDextHostOptions.HostAppExecutable(app);
        var present = host.FileExists(exe);
        return new DoctorCheck(Area, "host app (dext.host_app)", present, exe,
            present ? null : $"install the host app at {app} (in /Applications: macOS refuses activation from elsewhere unless developer mode is on)");
    }

    private static DoctorCheck Sip(DextSpec dext, string? output)
    {
        const string What = "System Integrity Protection (csrutil status)";
        if (output is null)
        {
            return new DoctorCheck(Area, What, false, "csrutil did not run", "run `csrutil status` by hand on the rig's Mac");
        }

        SipStatus sip;
        try
        {
            sip = SipStatus.Parse(output);
        }
        catch (InputException e)
        {
            return new DoctorCheck(Area, What, false, e.Message, "report this csrutil wording: the parser knows the 10.11 and 12+ ones");
        }

        var needsOff = dext.HostApp is null;
        var ok = !needsOff || sip.AllowsDeveloperTools;
        return new DoctorCheck(Area, What, ok, sip.StatusLine + (needsOff ? " (no host app: deactivation needs SIP off)" : " (the host app needs no change)"),
            ok ? null : "give the rig a dext.host_app, or boot to Recovery, run `csrutil disable`, then `systemextensionsctl developer on`");
    }

    /// <summary>
    /// Developer mode matters when the host app is outside /Applications: activation is refused
    /// from elsewhere unless it is on, and it can be turned on only with SIP off.
    /// </summary>
    private static DoctorCheck DeveloperModeCheck(DextSpec dext, string? output)
    {
        const string What = "system extension developer mode (systemextensionsctl developer)";
        var needed = dext.HostApp is { } app && !app.StartsWith(ApplicationsFolder, StringComparison.Ordinal);
        var why = needed ? $" (needed: the host app {dext.HostApp} is outside {ApplicationsFolder})" : " (not needed: no host app outside /Applications)";
        if (output is null)
        {
            return new DoctorCheck(Area, What, !needed, "systemextensionsctl did not run" + why, needed ? "run `systemextensionsctl developer` by hand on the rig's Mac" : null);
        }

        var status = DeveloperModeStatus.Parse(output);
        var (detail, fix) = status.Mode switch
        {
            DeveloperMode.On => ("on", null),
            DeveloperMode.RefusedBySip => ("off: SIP is on, so it cannot be turned on", DeveloperModeFix),
            _ => ($"not reported on: '{status.Line}'", $"{DeveloperModeFix}; if it is on, report this wording (harness/tests/Hil.Dext.Tests/Samples)"),
        };
        var ok = status.Mode == DeveloperMode.On || !needed;
        return new DoctorCheck(Area, What, ok, detail + why, ok ? null : fix);
    }

    private static DoctorCheck Approval(DextSpec dext, string? output)
    {
        var what = $"activation of {dext.BundleId} (systemextensionsctl list)";
        if (output is null)
        {
            return new DoctorCheck(Area, what, false, "systemextensionsctl did not run", "run `systemextensionsctl list` by hand on the rig's Mac");
        }

        // An older build waiting to uninstall may sit beside the one waiting for the click: the wait is what matters.
        List<SystemExtensionEntry> entries;
        try
        {
            entries = [.. SystemExtensionsListParser.Parse(output).Where(e => e.BundleId == dext.BundleId)];
        }
        catch (InputException e)
        {
            return new DoctorCheck(Area, what, false, e.Message, "report this systemextensionsctl wording (harness/tests/Hil.Dext.Tests/Samples)");
        }

        var entry = entries.FirstOrDefault(e => e.IsWaitingForUser) ?? entries.LastOrDefault();
        return entry switch
        {
            null => new DoctorCheck(Area, what, true, "not installed yet: `hil run` activates it through the host app", null),
            { IsWaitingForUser: true } => new DoctorCheck(Area, what, false, $"[{entry.State}]: waiting for approval", ApproveFix),
            _ => new DoctorCheck(Area, what, true, $"[{entry.State}]", null),
        };
    }

    private static async Task<string?> CaptureAsync(ProcessCommand command, TimeProvider time, CancellationToken ct)
    {
        try
        {
            var outcome = await ProcessRunner.RunAsync(command, time, ct).ConfigureAwait(false);
            return outcome.StandardOutput + outcome.StandardError;
        }
        catch (HilException)
        {
            return null;
        }
    }
}
