using System.Globalization;
using Hil.Foundation;

namespace Hil.Fuzz.Tests;

/// <summary>
/// Random and mutated rig files, plists and measurement files fed to the parsers (issue 15 item 5):
/// no crash (only <see cref="InputException"/>), no hang (each input within its budget). The CI
/// run tries a bounded number per parser; <c>HIL_FUZZ_INPUTS</c> sets it for the long run
/// (`HIL_FUZZ_INPUTS=400000 dotnet test harness/tests/Hil.Fuzz.Tests -c Release`: 1.2M inputs).
/// A failing input is written beside the test results so it can be replayed.
/// </summary>
public sealed class ParserFuzzTests
{
    private const long DefaultInputs = 5_000;

    /// <summary>Generous: a parse takes microseconds; a busy host may stall a thread for seconds.</summary>
    private static readonly TimeSpan PerInputBudget = TimeSpan.FromSeconds(20);

    private static IEnumerable<string> Targets() => FuzzTargets.All(RepositoryRoot.Find()).Select(t => t.Name);

    [TestCaseSource(nameof(Targets))]
    [CancelAfter(3_600_000)]
    public void Mutated_input_gives_an_input_error_or_a_value_never_a_crash_or_a_hang(string name, CancellationToken token)
    {
        var target = FuzzTargets.All(RepositoryRoot.Find()).Single(t => t.Name == name);
        var inputs = Environment.GetEnvironmentVariable("HIL_FUZZ_INPUTS") is { Length: > 0 } text
            ? long.Parse(text, CultureInfo.InvariantCulture)
            : DefaultInputs;

        var outcome = FuzzLoop.Run(target, seed: 15, inputs, PerInputBudget, token);

        TestContext.Out.WriteLine($"{name}: {outcome.Inputs:N0} inputs in {outcome.Elapsed.TotalSeconds:F1} s");
        if (outcome.FailingInput is { } input)
        {
            var path = Path.Combine(TestContext.CurrentContext.WorkDirectory, $"fuzz-failure-{name.Replace(' ', '-')}.bin");
            File.WriteAllBytes(path, input);
            Assert.Fail($"{outcome.Failure}\ninput written to {path}");
        }

        Assert.That(outcome.Inputs, Is.EqualTo(inputs), $"{name}: stopped early (cancelled)");
    }
}
