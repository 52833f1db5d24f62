using Hil.Reporting;

[assembly: HilAllure]

namespace Hil.ReportUi.SampleRun;

/// <summary>Run-wide facts, set once like the real fixtures do from the rig file and the dext's Info.plist.</summary>
[SetUpFixture]
public sealed class RunSetUp
{
    [OneTimeSetUp]
    public void DescribeRun()
    {
        AllureRun.SetRig("sim-default");
        AllureRun.SetDextVersion("0.1.0 (sample)");
        AllureRun.SetEnvironment("Relay board", "sim numato, 8 channels");
    }
}
