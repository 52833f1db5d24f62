using Hil.Cli.Doctor;
using Hil.Foundation;
using Hil.Rigs;

namespace Hil.Cli.Tests;

/// <summary>`hil doctor --rig` on a Mac: host app, SIP and a pending approval, read from real captures (Hil.Dext.Tests/Samples).</summary>
public sealed class MacDextChecksTests
{
    private const string Rig = "rig: t\nhost: macos\npower: { r: { kind: sim, channels: 1 } }\ndext: { plist: p, bundle_id: org.pqrs.Karabiner-DriverKit-VirtualHIDDevice";

    private const string OutsideApp = "/private/var/ci/KarabinerHost.app";

    private sealed class Files(params string[] present) : IHostProbe
    {
        public bool IsMacOS => true;

        public bool FileExists(string path) => present.Contains(path);

        public string? FindOnPath(string command) => null;
    }

    private static string Sample(string name) =>
        File.ReadAllText(Path.Combine(RepositoryRoot.Find(TestContext.CurrentContext.TestDirectory), "harness", "tests", "Hil.Dext.Tests", "Samples", name));

    private static RigSpec RigWith(string extra) => RigFile.Parse(Rig + extra + " }\n", "/rigs/t.yaml");

    /// <summary>The checks of a rig whose host app at <paramref name="app"/> is installed, on Karabiner's list capture.</summary>
    private static IReadOnlyList<DoctorCheck> InstalledHostApp(string app, string csrutil, string developer) =>
        MacDextChecks.From(RigWith($", host_app: {app}"), new Files($"{app}/Contents/MacOS/KarabinerHost"),
            Sample(csrutil), Sample("systemextensionsctl-list-karabiner-2876.txt"), Sample(developer));

    private static DoctorCheck DeveloperModeOf(IReadOnlyList<DoctorCheck> checks) =>
        checks.Single(c => c.What.StartsWith("system extension developer mode", StringComparison.Ordinal));

    [Test]
    public void Without_a_host_app_SIP_on_fails_with_what_to_do()
    {
        var checks = MacDextChecks.From(RigWith(""), new Files(), Sample("csrutil-status-enabled.txt"), Sample("systemextensionsctl-list-karabiner-2876.txt"),
            Sample("systemextensionsctl-developer-sip-enabled-26.txt"));

        var sip = checks.Single(c => c.What.StartsWith("System Integrity Protection", StringComparison.Ordinal));
        Assert.That(sip.Present, Is.False);
        Assert.That(sip.Fix, Does.Contain("dext.host_app").And.Contain("csrutil disable").And.Contain("systemextensionsctl developer on"));
        Assert.That(checks.Single(c => c.What.StartsWith("host app", StringComparison.Ordinal)).Present, Is.True, "no host app is allowed, and said");
        Assert.That(checks.Single(c => c.What.StartsWith("activation", StringComparison.Ordinal)).Detail, Is.EqualTo("[activated enabled]"));
    }

    [Test]
    public void With_an_installed_host_app_SIP_on_is_fine()
    {
        var checks = InstalledHostApp("/Applications/KarabinerHost.app", "csrutil-status-enabled.txt", "systemextensionsctl-developer-sip-enabled-26.txt");

        Assert.That(checks.All(c => c.Present), Is.True, string.Join("; ", checks.Where(c => !c.Present).Select(c => c.Detail)));
    }

    [Test]
    public void A_missing_host_app_and_an_activation_waiting_for_the_click_are_reported()
    {
        var list = Sample("systemextensionsctl-list-newer.txt");
        var waiting = Hil.Dext.MacOS.SystemExtensionsListParser.Parse(list).First(e => e.IsWaitingForUser);
        var rig = RigFile.Parse(Rig.Replace("org.pqrs.Karabiner-DriverKit-VirtualHIDDevice", waiting.BundleId, StringComparison.Ordinal)
            + ", host_app: /Applications/H.app }\n", "/rigs/t.yaml");

        var checks = MacDextChecks.From(rig, new Files(), Sample("csrutil-status-unknown-12.txt"), list, Sample("systemextensionsctl-developer-on.txt"));

        Assert.That(checks.Single(c => c.What.StartsWith("host app", StringComparison.Ordinal)).Present, Is.False);
        var approval = checks.Single(c => c.What.StartsWith("activation", StringComparison.Ordinal));
        Assert.That(approval.Present, Is.False);
        Assert.That(approval.Fix, Does.Contain("Privacy & Security").And.Contain("AllowedTeamIdentifiers"));
    }

    [Test]
    public void Output_the_parsers_do_not_know_is_reported_not_thrown()
    {
        var checks = MacDextChecks.From(RigWith(""), new Files(), "csrutil: unknown\n", null, null);
        Assert.That(checks.Where(c => !c.Present).Select(c => c.Detail), Has.Some.Contains("no 'System Integrity Protection status:' line").And.Some.Contains("did not run"));
    }

    [TestCase("systemextensionsctl-developer-sip-enabled-26.txt", "RefusedBySip")]
    [TestCase("systemextensionsctl-developer-on-sip-enabled-oneline.txt", "RefusedBySip")]
    [TestCase("systemextensionsctl-developer-on.txt", "On")]
    public void Developer_mode_is_read_from_each_captured_wording(string sample, string expected)
    {
        Assert.That(DeveloperModeStatus.Parse(Sample(sample)).Mode.ToString(), Is.EqualTo(expected));
    }

    [Test]
    public void A_host_app_outside_Applications_needs_developer_mode_and_SIP_on_refuses_it()
    {
        var developer = DeveloperModeOf(InstalledHostApp(OutsideApp, "csrutil-status-enabled.txt", "systemextensionsctl-developer-sip-enabled-26.txt"));
        Assert.That(developer.Present, Is.False);
        Assert.That(developer.Detail, Does.StartWith("off: SIP is on").And.Contain($"the host app {OutsideApp} is outside /Applications/"));
        Assert.That(developer.Fix, Does.Contain("/Applications").And.Contain("csrutil disable").And.Contain("sudo systemextensionsctl developer on"));
    }

    [Test]
    public void A_host_app_outside_Applications_passes_with_developer_mode_on()
    {
        var developer = DeveloperModeOf(InstalledHostApp(OutsideApp, "csrutil-status-unknown-12.txt", "systemextensionsctl-developer-on.txt"));

        Assert.That((developer.Present, developer.Detail), Is.EqualTo((true, $"on (needed: the host app {OutsideApp} is outside /Applications/)")));
    }

    [Test]
    public void An_answer_no_capture_shows_is_shown_as_it_came_not_guessed()
    {
        var developer = DeveloperModeOf(MacDextChecks.From(RigWith($", host_app: {OutsideApp}"), new Files(), null, null, "Something new\n"));

        Assert.That((developer.Present, developer.Detail), Is.EqualTo((false, $"not reported on: 'Something new' (needed: the host app {OutsideApp} is outside /Applications/)")));
        Assert.That(developer.Fix, Does.Contain("report this wording"));
    }
}
