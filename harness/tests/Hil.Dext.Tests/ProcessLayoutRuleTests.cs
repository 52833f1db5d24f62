namespace Hil.Dext.Tests;

public sealed class ProcessLayoutRuleTests
{
    private const string Bundle = "com.example.hilprobe";

    [Test]
    public void WithKeyAndARunningServerJoinsIt()
    {
        var d = ProcessLayoutRule.Decide(P(oneProcess: true), Bundle, serverRunning: true, launchInProgress: false);

        Assert.That(d.Layout, Is.EqualTo(ProcessLayout.JoinExisting));
        Assert.That(d.ServerName, Is.EqualTo("com.example.hilprobe"));
        Assert.That(d.KernelLog, Is.Null);
    }

    [Test]
    public void WithKeyAndALaunchInProgressJoinsIt()
    {
        var d = ProcessLayoutRule.Decide(P(oneProcess: true), Bundle, serverRunning: false, launchInProgress: true);

        Assert.That(d.Layout, Is.EqualTo(ProcessLayout.JoinExisting));
    }

    [Test]
    public void WithKeyAndNoServerYetStartsTheFirstProcess()
    {
        var d = ProcessLayoutRule.Decide(P(oneProcess: true), Bundle, serverRunning: false, launchInProgress: false);

        Assert.That(d.Layout, Is.EqualTo(ProcessLayout.NewProcess));
    }

    [Test]
    public void WithoutKeyNeverJoinsEvenWhenTheServerRuns()
    {
        var d = ProcessLayoutRule.Decide(P(oneProcess: false), Bundle, serverRunning: true, launchInProgress: true);

        Assert.That(d.Layout, Is.EqualTo(ProcessLayout.NewProcess));
        Assert.That(d.Reason, Does.Contain("no IOUserServerOneProcess key"));
    }

    [Test]
    public void WrongOrganizationPrefixStartsANewProcessAndLogsLikeTheKernel()
    {
        var d = ProcessLayoutRule.Decide(P(oneProcess: true, server: "org.other.hilprobe"), Bundle, serverRunning: true, launchInProgress: false);

        Assert.That(d.Layout, Is.EqualTo(ProcessLayout.NewProcess));
        Assert.That(d.KernelLog, Is.EqualTo("IOUserServerName \"org.other.hilprobe\" not correct organization for bundleID \"com.example.hilprobe\""));
    }

    [TestCase("com.example.hilprobe", "com.example.")]
    [TestCase("com.example", "com.example.")]
    [TestCase("com", null)]
    [TestCase("com..x", null)]
    public void OrganizationPrefixIsTheFirstTwoComponents(string bundle, string? expected)
    {
        Assert.That(ProcessLayoutRule.OrganizationPrefix(bundle), Is.EqualTo(expected));
    }

    [TestCase("com.example.hilprobe", true)]
    [TestCase("com.example.other.server", true)]
    [TestCase("com.examplefoo.x", false)]
    [TestCase("com.example", false)]
    public void ServerNameMustStartWithThePrefixAndItsDot(string server, bool expected)
    {
        Assert.That(ProcessLayoutRule.HasOrganizationPrefix(server, Bundle), Is.EqualTo(expected));
    }

    private static DextPersonality P(bool oneProcess, string server = "com.example.hilprobe") => new(
        "P", "AppleUserHIDEventService", "HilProbeDriver1", "IOHIDInterface", server, oneProcess,
        0x1209, 0x0001, null, null, DriverRole.Driver1, 1);
}
