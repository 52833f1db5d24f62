using System.Globalization;

namespace Hil.Cli.Faults;

/// <summary>
/// One kind's line of the `hil faults` report (the JSON issue 15 asks for, snake_case): how many runs,
/// the expected class against the classes seen, and — over every run — whether the safe state was
/// restored, how many processes and shared objects were left, whether the results were valid, and
/// the exit code. <see cref="AsExpected"/> is false when any run fell short; <see cref="Short"/> says how.
/// </summary>
internal sealed record FaultTally(
    string Kind, int Runs, string Expected, string Seen, bool SafeStateRestored, int Orphans, int Leaks, bool ResultsValid,
    int ExitCode, int ExpectedExitCode, bool AsExpected, IReadOnlyList<string> Short)
{
    public static FaultTally Of(FaultScenario scenario, IReadOnlyList<TrialResult> runs)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(runs);
        var seen = runs.GroupBy(r => r.Seen, StringComparer.Ordinal).ToList();
        var exit = runs.FirstOrDefault(r => r.ExitCode != scenario.ExpectedExit)?.ExitCode ?? scenario.ExpectedExit;
        var shortOf = new List<string>();
        shortOf.AddRange(runs.Select((r, i) => (r, i)).Where(x => x.r.Seen != scenario.Expected)
            .Select(x => F($"run {x.i + 1}: seen {x.r.Seen}, expected {scenario.Expected}: {x.r.Detail}")));
        shortOf.AddRange(runs.Select((r, i) => (r, i)).Where(x => x.r.ExitCode != scenario.ExpectedExit)
            .Select(x => F($"run {x.i + 1}: exit {x.r.ExitCode}, expected {scenario.ExpectedExit}")));
        shortOf.AddRange(runs.Select((r, i) => (r, i)).Where(x => !x.r.SafeStateRestored).Select(x => F($"run {x.i + 1}: a relay channel was left out of the safe state")));
        shortOf.AddRange(runs.Select((r, i) => (r, i)).Where(x => x.r.Orphans.Count > 0).Select(x => F($"run {x.i + 1}: left running {string.Join(", ", x.r.Orphans)}")));
        shortOf.AddRange(runs.Select((r, i) => (r, i)).Where(x => x.r.Leaks.Count > 0).Select(x => F($"run {x.i + 1}: left {string.Join(", ", x.r.Leaks)}")));
        shortOf.AddRange(runs.Select((r, i) => (r, i)).Where(x => !x.r.ResultsValid).Select(x => F($"run {x.i + 1}: its results were not valid: {x.r.Detail}")));
        return new FaultTally(
            scenario.Kind, runs.Count, scenario.Expected,
            seen.Count == 1 ? seen[0].Key : string.Join(", ", seen.Select(g => F($"{g.Key} {g.Count()}"))),
            runs.All(r => r.SafeStateRestored), runs.Sum(r => r.Orphans.Count), runs.Sum(r => r.Leaks.Count), runs.All(r => r.ResultsValid),
            exit, scenario.ExpectedExit, runs.Count > 0 && shortOf.Count == 0, shortOf);
    }

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}

/// <summary>The whole `hil faults` report: the rig, the repeat count and one tally per kind.</summary>
internal sealed record FaultReport(string Rig, int Repeat, bool AsExpected, IReadOnlyList<FaultTally> Faults);
