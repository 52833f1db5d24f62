using Hil.Cli.Commands;
using Hil.Rigs;

namespace Hil.Cli.Tests;

public sealed class RigSummaryTests
{
    [TestCase("sim", "sim")]
    [TestCase("macos", "/dev/cu.usbmodem1")]
    [TestCase("macos-twin", "sim")]
    public void The_host_is_printed_as_the_rig_file_writes_it(string host, string port)
    {
        var rig = RigFile.Parse($"rig: r\nhost: {host}\npower:\n  relay1: {{ kind: numato, port: {port}, channels: 8 }}\n", "/rigs/r.yaml");

        var summary = RigSummary.Of("rigs/r.yaml", rig);

        Assert.That(summary.Host, Is.EqualTo(host));
        Assert.That(summary.ToString(), Does.Contain($"(host {host},"));
    }
}
