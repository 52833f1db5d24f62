using Hil.Foundation;
using Hil.Reporting;
using NUnit.Framework;

[assembly: HilAllure]
[assembly: AllureEpic("HIL samples")]

namespace Hil.Reporting.Samples;

/// <summary>A rig that is gone before any test runs: every test below must show up, broken.</summary>
public class RigGone
{
    [OneTimeSetUp]
    public void LeaseRig()
    {
        using (AllureSteps.Step("open relay1 on /dev/ttyACM0"))
        {
            throw new RigFaultException("relay1 did not answer on /dev/ttyACM0 within 2 s");
        }
    }

    [Test]
    public void PowerCycle() => Assert.Pass();

    [TestCase("app-relay")]
    [TestCase("one-process")]
    public void Latency(string topology) => Assert.That(topology, Is.Not.Empty);
}

/// <summary>Fails on its first attempt and passes on its second.</summary>
public class Retried
{
    public static int Attempts { get; set; }

    [Test]
    [Retry(3)]
    public void FlakyEnumeration()
    {
        Attempts++;
        using (AllureSteps.Step($"attempt {Attempts}"))
        {
            Assert.That(Attempts, Is.GreaterThan(1), "device enumerated late on the first attempt");
        }
    }
}

[AllureFeature("latency")]
[AllureSeverity(Severity.Normal)]
[Category("nightly")]
public class Stepped
{
    public static Action? WhileRunning { get; set; }

    [SetUp]
    public void PowerOn()
    {
        using (AllureSteps.Step("power on stimulus-a"))
        {
            AllureSteps.AttachText("relay log", "relay1/1 ON");
        }
    }

    [TearDown]
    public void PowerOff() => AllureSteps.Step("power off stimulus-a", () => { });

    [TestCase("app-relay", 4000)]
    [AllureStory("one-way latency")]
    [AllureSeverity(Severity.Critical)]
    [AllureTopology("app-relay")]
    [AllureLink("DESIGN §6", "https://example.invalid/design#6")]
    public async Task OneWay(string topology, [HistoryExcluded] int port)
    {
        AllureTest.AddParameter("samples", 1000, excluded: true);
        using (AllureSteps.Step("measure").WithParameter("rate", "1 kHz"))
        {
            await AllureSteps.StepAsync("send burst", async () => await Task.Yield());
            var count = AllureSteps.Step("drain ring", () => 1000);
            AllureSteps.AttachText("percentiles", $"{topology},{count}", "text/csv", "csv");
            WhileRunning?.Invoke();
        }

        try
        {
            using (AllureSteps.Step("handled hiccup"))
            {
                throw new TimeoutException("first drain was late");
            }
        }
        catch (TimeoutException)
        {
            // The fixture recovers; the step must not count as the test's failure.
        }
    }

    [Test]
    public void StepThatFails()
    {
        using (AllureSteps.Step("activate dext"))
        {
            throw new ProductDefectException("Driver2 returned kIOReturnBadArgument (0xe00002c2) for selector 3");
        }
    }
}

/// <summary>One test per fault kind, for categories.</summary>
public class Faults
{
    [Test]
    public void Product() => throw new ProductDefectException("report 7 arrived with byte 3 = 0x00, expected 0x7E");

    [Test]
    public void Rig() => throw new WaitTimeoutException("arrival of stimulus-a (1209:0001)", TimeSpan.FromSeconds(5), FaultKind.RigFault);

    [Test]
    public void Infrastructure() => throw new IOException("No space left on device");

    [Test]
    public void Assertion() => Assert.That(0x00, Is.EqualTo(0x7E), "byte 3 of report 7");

    [Test]
    public void Harness() => throw new InvalidOperationException("session used after dispose");

    [Test]
    public void ManyChannels() => throw new AggregateException("rig 'faulty' did not reach safe state all-off on 3 channel(s)",
        Enumerable.Range(1, 3).Select(i => new RigFaultException($"safe state all-off of rig 'faulty': could not switch relay1:{i} off: timed out")));

    [Test]
    public void Input() => throw new InputException("rigs/lab.yaml:7: power.kind 'lcsu': expected one of lcus, usbrly, uhubctl");

    [Test]
    public void Regression() => throw new HilException(FaultKind.LatencyRegression, "p99 of app-relay rose 31% (p = 1e-6)");

    [Test]
    [Ignore("waiting for the real relay board")]
    public void Ignored()
    {
    }

    [Test]
    public void Undecided() => Assert.Inconclusive("host too noisy to decide: p50 shifts under +400.0% cannot be declared");
}

/// <summary>Every single-valued label set at every scope (run, assembly, class, suite set-up, method, body): each must appear once.</summary>
[AllureOwner("class-owner")]
[AllureSeverity(Severity.Minor)]
[AllureTopology("one-process")]
[AllureRig("class-rig")]
[Author("nunit-author")]
public class EveryScope
{
    [OneTimeSetUp]
    public void Fixture()
    {
        AllureTest.SetTopology("shared-ring");
        AllureTest.SetOwner("set-up-owner");
    }

    [Test]
    [AllureSeverity(Severity.Critical)]
    [AllureTopology("app-relay")]
    [AllureId(7)]
    public void Everywhere()
    {
        AllureTest.SetRig("body-rig");
        AllureTest.SetSeverity(Severity.Blocker);
        AllureTest.AddLabel("dextVersion", "body-dext");
        throw new ProductDefectException("fails, so the fault label is set too");
    }
}
