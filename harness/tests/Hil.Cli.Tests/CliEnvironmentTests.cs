using Hil.Foundation;
using Hil.TestSupport;

namespace Hil.Cli.Tests;

/// <summary>The variables a verb reads are refused up front, naming the variable, when they are wrong.</summary>
public sealed class CliEnvironmentTests : TempFolderTest
{
    [TestCase("HIL_RATE_HZ", "NaN", "expected an integer 1..")]
    [TestCase("HIL_GATE_SAMPLES", "-5", "expected an integer 1..")]
    [TestCase("HIL_GATE_SAMPLES", "99999999999", "expected an integer 1..")]
    [TestCase("HIL_GATE_INJECT_PERCENT", "Infinity", "expected a finite number greater than 0")]
    [TestCase("HIL_SUITE", "nightlyy", "expected one of smoke, nightly")]
    [TestCase("HIL_RIG", "rigs/none.yaml", "expected an existing rig file")]
    public void A_bad_value_is_an_input_error_naming_the_variable(string name, string value, string expected)
    {
        var ex = Assert.Throws<InputException>(() => CliEnvironment.Check(n => n == name ? value : null, CliEnvironment.Run));

        Assert.That(ex!.Message, Does.StartWith($"environment variable {name}='{value}': {expected}"));
    }

    [TestCase("HIL_ALLURE_RESULTS")]
    [TestCase("HIL_LOCK_DIR")]
    [TestCase("HIL_SIM_LOGS")]
    public void A_folder_variable_naming_a_file_is_refused(string name)
    {
        var file = Path.Combine(Dir, "plain");
        File.WriteAllText(file, "x");

        var ex = Assert.Throws<InputException>(() => CliEnvironment.Check(n => n == name ? file : null, CliEnvironment.Run));

        Assert.That(ex!.Message, Is.EqualTo($"environment variable {name}='{file}': expected a folder, not a file"));
    }

    [Test]
    public void Good_values_and_unset_variables_pass()
    {
        var good = new Dictionary<string, string>
        {
            ["HIL_RATE_HZ"] = "1000", ["HIL_GATE_INJECT_PERCENT"] = "2.5", ["HIL_SUITE"] = "smoke", ["HIL_RIG"] = "rigs/sim.yaml",
            ["HIL_ALLURE_RESULTS"] = Path.Combine(Dir, "new"), ["HIL_RUN_CONFIG"] = "",
        };

        Assert.DoesNotThrow(() => CliEnvironment.Check(n => good.GetValueOrDefault(n), CliEnvironment.Run));
    }

    [TestCase("latency --rig rigs/sim.yaml --topology app-relay --samples 100")]
    [TestCase("compare --rig rigs/sim.yaml --topology app-relay --baseline a --candidate b")]
    [TestCase("faults --rig rigs/sim.yaml --repeat 1")]
    [CancelAfter(120_000)]
    public async Task A_verb_that_opens_a_rig_session_refuses_a_bad_variable_before_any_work(string command, CancellationToken ct)
    {
        var file = Path.Combine(Dir, "plain");
        File.WriteAllText(file, "x");

        await using var hil = ChildProcess.StartDotnet(Path.Combine(TestContext.CurrentContext.TestDirectory, "hil.dll"), command.Split(' '),
            new Dictionary<string, string> { ["HIL_LOCK_DIR"] = file }, RepositoryRoot.Find());

        Assert.That(await hil.ExitAsync(TimeSpan.FromSeconds(90), $"hil {command}", ct), Is.EqualTo(2), hil.Output);
        Assert.That(hil.Output, Does.Contain($"environment variable HIL_LOCK_DIR='{file}': expected a folder, not a file"));
        Assert.That(File.ReadAllText(file), Is.EqualTo("x"), "no lock was written into the file");
    }
}
