using Hil.Foundation;
using Hil.Reporting.Contracts;

namespace Hil.Reporting.Tests;

/// <summary>The run config `hil run` hands to the fixtures, and its precedence over the variables.</summary>
public class RunConfigTests : TempFolderTest
{
    [Test]
    public void AWrittenConfigReadsBackEqual()
    {
        var config = Sample();
        var path = Path.Combine(Dir, ResultsLayout.RunConfigName);
        RunConfigFile.Write(path, config);

        var read = RunConfigFile.Read(path);

        Assert.That(read, Is.EqualTo(config));
    }

    [Test]
    public void TheFileNamedByTheVariableWinsOverEveryOtherVariable()
    {
        var path = Path.Combine(Dir, "run-config.json");
        RunConfigFile.Write(path, Sample());
        var env = new Dictionary<string, string> { [RunConfigFile.Variable] = path, ["HIL_RIG"] = "/elsewhere/rig.yaml", ["HIL_SUITE"] = "smoke" };

        var config = RunConfigFile.Load(env.GetValueOrDefault);

        Assert.That((config.RigFile, config.Suite), Is.EqualTo((Sample().RigFile, "qualification")));
    }

    [Test]
    public void WithoutAFileTheVariablesOfADirectDotnetTestApply()
    {
        var env = new Dictionary<string, string>
        {
            ["HIL_RIG"] = Path.Combine(Dir, "rig.yaml"),
            ["HIL_SUITE"] = "smoke",
            ["HIL_ALLURE_RESULTS"] = Path.Combine(Dir, "allure"),
            ["HIL_GATE_SAMPLES"] = "20000",
            ["HIL_GATE_RATE_HZ"] = "not a number",
            ["HIL_RATE_HZ"] = "-5",
            ["HIL_GATE_INJECT_PERCENT"] = "Infinity",
            ["HIL_GATE_SIM_BASELINE_RUNS"] = "1e300",
        };

        var config = RunConfigFile.Load(env.GetValueOrDefault);

        Assert.Multiple(() =>
        {
            Assert.That(config.RigFile, Is.EqualTo(Path.Combine(Dir, "rig.yaml")));
            Assert.That(config.Suite, Is.EqualTo("smoke"));
            Assert.That(config.Results.AllureResults, Is.EqualTo(Path.Combine(Dir, "allure")));
            Assert.That(config.Gate.Samples, Is.EqualTo(20000));
            Assert.That(config.Gate.RateHz, Is.EqualTo(new GateSettings().RateHz), "a variable that is not a positive number is ignored");
            Assert.That(config.RateHz, Is.EqualTo(1000));
            Assert.That(config.Gate.InjectPercent, Is.EqualTo(new GateSettings().InjectPercent), "Infinity is not a positive number");
            Assert.That(config.Gate.SimBaselineRuns, Is.EqualTo(new GateSettings().SimBaselineRuns), "past int's range is ignored");
        });
    }

    [TestCase("HIL_RIG", "rig")]
    [TestCase("HIL_GATE_SAMPLES", "gate_samples")]
    [TestCase("HIL_ALLURE_RESULTS", "allure_results")]
    public void ARunsettingsParameterIsItsVariablesNameWithoutHilInLowerCase(string variable, string parameter) =>
        Assert.That(RunConfigFile.ParameterOf(variable), Is.EqualTo(parameter));

    [Test]
    public void ARelativeRigIsTakenFromTheRepositoryRootWhereverTheTestHostRuns()
    {
        var config = RunConfigFile.Load(new Dictionary<string, string> { ["HIL_RIG"] = "rigs/examples/sim-faulty-relay.yaml" }.GetValueOrDefault);

        Assert.That(config.RigFile, Is.EqualTo(Path.Combine(RepositoryRoot.Find(AppContext.BaseDirectory), "rigs", "examples", "sim-faulty-relay.yaml")));
    }

    [Test]
    public void OnlyARunConfigFileHandsTheResultsToTheCaller()
    {
        Assert.That(RunConfigFile.HandedByCaller(new Dictionary<string, string> { [RunConfigFile.Variable] = "/r/run-config.json" }.GetValueOrDefault), Is.True);
        Assert.That(RunConfigFile.HandedByCaller(new Dictionary<string, string> { ["HIL_RIG"] = "/r.yaml" }.GetValueOrDefault), Is.False);
    }

    [Test]
    public void ClearingARunsOutputsEmptiesResultsAndMeasurementsButLeavesTheRestOfTheFolder()
    {
        var layout = new ResultsLayout(Dir);
        Directory.CreateDirectory(layout.AllureResults);
        Directory.CreateDirectory(layout.Measurements);
        File.WriteAllText(Path.Combine(layout.AllureResults, "old-result.json"), "{}");
        File.WriteAllText(Path.Combine(layout.Measurements, "old.json"), "{}");
        File.WriteAllText(layout.LatencyHeadlines, "[]");
        File.WriteAllText(layout.RunConfig, "{}");

        layout.ClearRunOutputs();

        Assert.Multiple(() =>
        {
            Assert.That(Directory.GetFileSystemEntries(layout.AllureResults), Is.Empty);
            Assert.That(Directory.GetFileSystemEntries(layout.Measurements), Is.Empty);
            Assert.That(File.Exists(layout.LatencyHeadlines), Is.False);
            Assert.That(File.Exists(layout.RunConfig), Is.True);
        });
    }

    [Test]
    public void WithNothingSetTheDefaultsAreUnderTheRepository()
    {
        var config = RunConfigFile.Load(_ => null);
        var root = RepositoryRoot.Find(AppContext.BaseDirectory);

        Assert.Multiple(() =>
        {
            Assert.That(config.RigFile, Is.EqualTo(Path.Combine(root, "rigs", "sim.yaml")));
            Assert.That(config.Suite, Is.EqualTo("nightly"));
            Assert.That(config.Results.AllureResults, Is.EqualTo(Path.Combine(root, "results", "allure")));
            Assert.That(config.Results.Measurements, Is.EqualTo(Path.Combine(root, "results", "measurements")));
            Assert.That(config.Baselines, Is.EqualTo(Path.Combine(root, "baselines")));
        });
    }

    [Test]
    public void AFileWithAMisspelledFieldIsRefusedNamingTheFileAndTheField()
    {
        var path = Path.Combine(Dir, "run-config.json");
        File.WriteAllText(path, """{"rig_file":"/r.yaml","suit":"smoke","results":{"root":"/x"},"baselines":"/b"}""");

        var error = Assert.Throws<InputException>(() => RunConfigFile.Read(path));

        Assert.That(error!.Message, Does.Contain(path).And.Contain("suit"));
    }

    [Test]
    public void AMissingFileIsNamed()
    {
        var path = Path.Combine(Dir, "absent.json");
        var error = Assert.Throws<InputException>(() => RunConfigFile.Read(path));
        Assert.That(error!.Message, Does.Contain(path).And.Contain(RunConfigFile.Variable));
    }

    private RunConfig Sample() => new()
    {
        RigFile = Path.Combine(Dir, "rigs", "mini.yaml"),
        Suite = "qualification",
        Results = new ResultsLayout(Path.Combine(Dir, "out")) { AllureResults = Path.Combine(Dir, "elsewhere", "allure") },
        RateHz = 500,
        Gate = new GateSettings { Samples = 20_000, RateHz = 1000, InjectPercent = 30, SimBaselineRuns = 3 },
        Baselines = Path.Combine(Dir, "baselines"),
    };
}
