using Hil.Foundation;
using Hil.Latency.Running;
using Hil.UserClients.Probe;

namespace Hil.Latency.Tests;

public sealed class FloorToolTests
{
    // Captured from `build/dext/hil-floor --samples 2000 --rate 2000 --json` on the team VM.
    private const string Captured = """{"rate_hz":2000,"warmup":200,"floors":{"socket_relay":{"samples":2000,"p50_ns":187542,"p99_ns":10753524,"p999_ns":15689143,"max_ns":16685898,"lost":0},"shm_handoff":{"samples":2000,"p50_ns":174427,"p99_ns":10669901,"p999_ns":15562777,"max_ns":16562246,"lost":0},"in_process_call":{"samples":2000,"p50_ns":138817,"p99_ns":10679001,"p999_ns":15189893,"max_ns":16189473,"lost":0},"clock_read":{"samples":2000,"p50_ns":20,"p99_ns":31,"p999_ns":80,"max_ns":90,"lost":0}}}""";

    [TestCase(Topology.AppRelay, "socket_relay", 187542)]
    [TestCase(Topology.OneProcess, "in_process_call", 138817)]
    [TestCase(Topology.SharedRing, "shm_handoff", 174427)]
    public void Each_topology_reads_the_floor_of_its_primitive(Topology topology, string primitive, long p50)
    {
        var floor = FloorTool.Parse(Captured, FloorTool.PrimitiveOf(topology), "hil-floor");
        Assert.That((floor.Primitive, floor.P50Ns, floor.Samples), Is.EqualTo((primitive, p50, 2000L)));
    }

    [Test]
    public void Output_without_the_primitive_names_what_was_expected()
    {
        var e = Assert.Throws<InfrastructureException>(() => FloorTool.Parse("""{"floors":{}}""", "shm_handoff", "hil-floor --json"));
        Assert.That(e!.Message, Does.StartWith("hil-floor --json: expected").And.Contain("shm_handoff"));
    }

    [Test]
    public void Delay_injection_is_the_percentage_of_the_pre_run_median()
    {
        Assert.That(DelayInjection.NsPerHop(20, 45_000), Is.EqualTo(9_000));
        Assert.That(DelayInjection.MaxNsPerHop(2000), Is.EqualTo(250_000), "half the period at 2 kHz");
    }

    [Test]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void A_floor_tool_that_is_absent_or_not_executable_is_missing_with_a_warning_naming_it_and_how_to_build_it()
    {
        var dir = Directory.CreateTempSubdirectory("hil-floor-test-").FullName;
        try
        {
            var tool = Path.Combine(dir, "hil-floor");
            var absent = FloorTool.Missing(tool);
            File.WriteAllText(tool, "#!/bin/sh\n");
            File.SetUnixFileMode(tool, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            var notExecutable = FloorTool.Missing(tool);
            File.SetUnixFileMode(tool, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

            Assert.That(FloorTool.Missing(tool), Is.Null, "an executable file can run");
            Assert.That(absent?.Code, Is.EqualTo(Statistics.LatencyWarning.FloorMissing));
            Assert.That(absent!.Message, Does.Contain($"{tool} is absent").And.Contain(NativeBinary.BuildCommand));
            Assert.That(notExecutable!.Message, Does.Contain($"{tool} is not executable"));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
