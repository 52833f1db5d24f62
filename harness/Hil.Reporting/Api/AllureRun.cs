using Hil.Reporting.Runtime;
using Hil.Reporting.Writing;

namespace Hil.Reporting;

/// <summary>
/// Facts about the whole run, set once (e.g. in an assembly-level [SetUpFixture]): they label
/// every test and fill environment.properties. HIL_RIG and HIL_DEXT_VERSION give defaults.
/// </summary>
public static class AllureRun
{
    /// <summary>The results directory this process writes to: the run config's Allure folder (Contracts/RunConfigFile).</summary>
    public static string ResultsDirectory => AllureLifecycle.Current.Writer.Directory;

    public static void SetRig(string rig) => Update(run => run.Rig = rig);

    public static void SetDextVersion(string version) => Update(run => run.DextVersion = version);

    public static void SetReportName(string name) => Update(run => run.ReportName = name);

    /// <summary>An extra line in the report's Environment widget, e.g. ("Relay board", "Numato 8ch fw 1.4").</summary>
    public static void SetEnvironment(string key, string value) => Update(run => run.Set(key, value));

    private static void Update(Action<RunInfo> change)
    {
        var lifecycle = AllureLifecycle.Current;
        change(lifecycle.Run);
        RunFiles.WriteAll(lifecycle.Writer, lifecycle.Run);
    }
}
