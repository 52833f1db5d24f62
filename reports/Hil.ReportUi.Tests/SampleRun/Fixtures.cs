using Hil.Foundation;
using Hil.Reporting;

namespace Hil.ReportUi.SampleRun;

[AllureFeature("power")]
public sealed class PowerFixture
{
    [Test]
    [AllureStory("power cycle")]
    [AllureSeverity(Severity.Critical)]
    public void PowerCycleEnumerates()
    {
        using (AllureSteps.Step("power on stimulus-a"))
        {
            AllureSteps.AttachText("relay log", "relay1/1 ON\nrelay1/1 state: ON");
        }

        AllureSteps.Step("wait for arrival of stimulus-a (1209:0001)", () => Assert.Pass("arrived"));
    }
}

[AllureFeature("latency")]
public sealed class LatencyFixture
{
    [TestCase("app-relay")]
    [AllureStory("one-way latency")]
    [AllureSeverity(Severity.Critical)]
    public void OneWayLatency(string topology)
    {
        AllureTest.SetTopology(topology);
        AllureTest.AddParameter("samples", 20_000, excluded: true);
        AllureTest.AddParameter("sim host pid", Environment.ProcessId, excluded: true);
        AllureSteps.Step("power on stimulus-a", () => { });
        AllureSteps.Step("activate dext", () => { });
        using (AllureSteps.Step("measure 20000 paced messages at 1 kHz"))
        {
            var appRelay = SimulatedLatency.Samples(1, 20_000, 38_000, 9_000);
            var oneProcess = SimulatedLatency.Samples(2, 20_000, 4_000, 700);
            var baseline = SimulatedLatency.Samples(3, 20_000, 37_000, 9_000);
            var current = SimulatedLatency.Series(topology, appRelay);
            LatencyAttachments.Attach(new LatencyMeasurement("one-way latency", "sim-default", Environment.MachineName,
            [
                current,
                SimulatedLatency.Series(topology, SimulatedLatency.Samples(4, 20_000, 21_000, 2_000), floor: true),
                SimulatedLatency.Series("one-process", oneProcess),
                SimulatedLatency.Series("one-process", SimulatedLatency.Samples(5, 20_000, 900, 90), floor: true),
            ])
            {
                Histogram = SimulatedLatency.Histogram(appRelay, 40),
                ShiftAgainstBaseline = ShiftPoint.Between(SimulatedLatency.Series(topology, baseline), current),
                RawHistogramLog = string.Join('\n', appRelay.Take(50).Select(s => s.ToString("F0", System.Globalization.CultureInfo.InvariantCulture))),
            });
        }
    }
}

[AllureFeature("hot plug")]
public sealed class RigFaultFixture
{
    [Test]
    [AllureStory("device arrival")]
    public void StimulusBArrives()
    {
        using (AllureSteps.Step("power on stimulus-b"))
        {
        }

        using (AllureSteps.Step("wait for arrival of stimulus-b (1209:0002)"))
        {
            // The deliberate rig fault: the device never enumerates. It must read as the rig's fault.
            throw new WaitTimeoutException("arrival of stimulus-b (1209:0002)", TimeSpan.FromSeconds(5), FaultKind.RigFault);
        }
    }
}

[AllureFeature("HID path")]
public sealed class ProductDefectFixture
{
    [Test]
    [AllureStory("report integrity")]
    [AllureSeverity(Severity.Blocker)]
    public void ForwardedReportMatches()
    {
        // A product defect next to the rig fault, so the report has to keep the two apart.
        using (AllureSteps.Step("compare report 7 as posted by Driver2"))
        {
            throw new ProductDefectException("report 7 arrived with byte 3 = 0x00, expected 0x7E");
        }
    }
}

[AllureFeature("shared ring")]
public sealed class BrokenSetUpFixture
{
    [OneTimeSetUp]
    public void MapSharedRing() =>
        throw new InfrastructureException("shm_open(/hil-ring-0) failed: Permission denied");

    [Test]
    public void RingDrainsInOrder() => Assert.Pass();

    [Test]
    public void RingSurvivesWrap() => Assert.Pass();
}

[AllureFeature("enumeration")]
public sealed class FlakyFixture
{
    private int _attempts;

    [Test]
    [Retry(2)]
    public void EnumeratesWithinDeadline()
    {
        _attempts++;
        AllureSteps.Step($"attempt {_attempts}", () => Assert.That(_attempts, Is.GreaterThan(1), "enumerated after the deadline on the first attempt"));
    }
}

[AllureFeature("rig file")]
public sealed class InputErrorFixture
{
    [Test]
    [AllureIssue("14")]
    public void RigFileNamesItsRelays()
    {
        // What the harness was given is wrong: the user's to fix, neither the driver's nor the harness's.
        Console.WriteLine("reading rigs/sim.yaml");
        throw new InputException("rigs/sim.yaml:12: power.relay1.kind: expected numato | usbrelay | yepkit, found 'numatoo'");
    }
}

[AllureFeature("latency")]
public sealed class NoisyHostFixture
{
    [Test]
    public void GateSelfCheckDecides() =>
        // A measuring check that cannot decide: neither a product defect nor a pass.
        Assert.Inconclusive("host too noisy to decide: the clean runs' p99 spread is 3.1x the practical bar");
}
