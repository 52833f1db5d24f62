using Hil.Dext.MacOS;

namespace Hil.Dext.Tests;

public sealed class IoregParserTests
{
    [Test]
    public void ParsesTheCapturedIOUserServerNode()
    {
        var servers = IoregParser.ParseUserServers(TestFiles.ReadSample("ioreg-iouserserver-vspdriver.txt"));

        Assert.That(servers, Has.Count.EqualTo(1));
        var s = servers[0];
        Assert.That(s.ServerName, Is.EqualTo("org.eof.tools.VSPDriver"));
        Assert.That(s.Tag, Is.EqualTo(0x100000a45UL));
        Assert.That(s.RegistryId, Is.EqualTo(0x100000a46UL));
        Assert.That(s.ProcessId, Is.EqualTo(1227));
        Assert.That(s.ProcessName, Is.EqualTo("org.eof.tools.VS"));
        Assert.That(s.AssociatedServices, Is.EqualTo(new[] { 0x100000a45UL }));
    }

    [Test]
    public void ParsesTheCapturedServiceTreeWithBracedProperties()
    {
        var nodes = IoregParser.ParseNodes(TestFiles.ReadSample("ioreg-services-vspdriver.txt"));

        Assert.That(nodes.Select(n => (n.Name, n.ClassName)), Is.EqualTo(new[]
        {
            ("IOUserResources", "IOUserResources"), ("VSPDriver", "IOUserService"), ("VSPSerialPort", "IOUserSerial"),
        }));
        var root = nodes[1];
        Assert.That(root.RegistryId, Is.EqualTo(0x100000a57UL));
        Assert.That(root.GetString("IOUserServerName"), Is.EqualTo("org.eof.tools.VSPDriver"));
        Assert.That(root.GetString("IOResourceMatch"), Is.EqualTo("IOKit"));
        Assert.That(root.GetNumber("IOProbeScore"), Is.EqualTo(0UL));
        Assert.That(root.GetString("IOMatchedPersonality"), Is.Null, "a dict, cut by the terminal, is not a string");
        Assert.That(root.Depth, Is.LessThan(nodes[2].Depth), "child is indented deeper");
        Assert.That(nodes[0].GetString("IOKit"), Is.EqualTo("IOService"));
    }

    [Test]
    public void OneProcessCheckHoldsWhenOneServerListsBothDrivers()
    {
        var servers = IoregParser.ParseUserServers(TestFiles.ReadSample("ioreg-iouserserver-hilprobe.txt"));

        var verdict = RegistryTopology.CheckOneProcess(servers, "com.example.hilprobe", 0x100000c20, 0x100000b10);

        Assert.That(verdict.Holds, Is.True, verdict.Explanation);
        Assert.That(verdict.Explanation, Does.Contain("pid 4321"));
    }

    [Test]
    public void OneProcessCheckFailsWithEvidenceWhenDriversAreApart()
    {
        var servers = IoregParser.ParseUserServers(TestFiles.ReadSample("ioreg-iouserserver-hilprobe.txt"));

        var verdict = RegistryTopology.CheckOneProcess(servers, "com.example.hilprobe", 0x100000c20, 0x100000b30);

        Assert.That(verdict.Holds, Is.False);
        Assert.That(verdict.Explanation, Does.Contain("found 0").And.Contain("pid 4321").And.Contain("pid 4400"));
    }

    [Test]
    public void OneProcessCheckFailsForAnotherServerName()
    {
        var servers = IoregParser.ParseUserServers(TestFiles.ReadSample("ioreg-iouserserver-vspdriver.txt"));

        var verdict = RegistryTopology.CheckOneProcess(servers, "com.example.hilprobe", 0x100000a45, 0x100000a45);

        Assert.That(verdict.Holds, Is.False);
        Assert.That(verdict.Explanation, Does.Contain("no IOUserServer named com.example.hilprobe"));
    }

    [Test]
    public void SeparateProcessCheck()
    {
        var servers = IoregParser.ParseUserServers(TestFiles.ReadSample("ioreg-iouserserver-hilprobe.txt"));

        Assert.That(RegistryTopology.CheckSeparateProcesses(servers, 0x100000c20, 0x100000b30).Holds, Is.True);
        Assert.That(RegistryTopology.CheckSeparateProcesses(servers, 0x100000c20, 0x100000b10).Holds, Is.False);
        Assert.That(RegistryTopology.CheckSeparateProcesses(servers, 0x100000c20, 0x999).Explanation, Does.Contain("no IOUserServer"));
    }

    [Test]
    public void BuildsTheIoregCommandLines()
    {
        var ioreg = new Ioreg();

        Assert.That(ioreg.UserServers().CommandLine, Is.EqualTo("ioreg -l -w0 -r -c IOUserServer"));
        Assert.That(ioreg.ServicesNamed("HilProbeRoot").CommandLine, Is.EqualTo("ioreg -l -w0 -r -n HilProbeRoot"));
    }
}
