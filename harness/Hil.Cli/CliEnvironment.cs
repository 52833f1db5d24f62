using System.Globalization;
using Hil.Foundation;
using Hil.Reporting.Contracts;

namespace Hil.Cli;

/// <summary>
/// The environment variables the verbs read (RunConfigFile, the rig lock, the sim's logs), checked
/// before any work: a value the fixtures or a session would silently replace by a default, or trip
/// over after a measurement, is a usage error (exit 2) naming the variable and what was expected.
/// Each verb names the variables it reads (<see cref="Run"/>, <see cref="Session"/>) in its one call.
/// </summary>
internal static class CliEnvironment
{
    /// <summary>What a verb that opens a rig session reads: the lock folder, the sim hosts' log folder.</summary>
    public static readonly IReadOnlyList<string> Session = ["HIL_LOCK_DIR", "HIL_SIM_LOGS"];

    /// <summary>What `hil run` and the fixtures it starts read.</summary>
    public static readonly IReadOnlyList<string> Run =
    [
        "HIL_RATE_HZ", "HIL_GATE_SAMPLES", "HIL_GATE_RATE_HZ", "HIL_GATE_SIM_BASELINE_RUNS", "HIL_GATE_INJECT_PERCENT",
        "HIL_ALLURE_RESULTS", "HIL_BASELINES", "HIL_LOCK_DIR", "HIL_SIM_LOGS", "HIL_SUITE", "HIL_RIG",
    ];

    private static readonly string[] PositiveIntegers = ["HIL_RATE_HZ", "HIL_GATE_SAMPLES", "HIL_GATE_RATE_HZ", "HIL_GATE_SIM_BASELINE_RUNS"];
    private static readonly string[] PositiveNumbers = ["HIL_GATE_INJECT_PERCENT"];
    private static readonly string[] Folders = ["HIL_ALLURE_RESULTS", "HIL_BASELINES", "HIL_LOCK_DIR", "HIL_SIM_LOGS"];

    /// <summary>The verb's one check, of this process's environment, before it starts work.</summary>
    /// <exception cref="InputException">The first of <paramref name="read"/> whose value is wrong, naming it.</exception>
    public static void Check(IReadOnlyList<string> read) => Check(Environment.GetEnvironmentVariable, read);

    /// <exception cref="InputException">The first of <paramref name="read"/> whose value is wrong, naming it.</exception>
    public static void Check(Func<string, string?> env, IReadOnlyList<string> read)
    {
        ArgumentNullException.ThrowIfNull(env);
        ArgumentNullException.ThrowIfNull(read);
        foreach (var name in read)
        {
            if (env(name) is { Length: > 0 } value)
            {
                CheckOne(name, value);
            }
        }
    }

    private static void CheckOne(string name, string value)
    {
        if (PositiveIntegers.Contains(name)
            && (!long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1 || n > int.MaxValue))
        {
            throw Bad(name, value, $"an integer 1..{int.MaxValue}");
        }

        if (PositiveNumbers.Contains(name)
            && (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) || !double.IsFinite(x) || x <= 0))
        {
            throw Bad(name, value, "a finite number greater than 0");
        }

        if (Folders.Contains(name) && File.Exists(ResultsLayout.UnderRepository(value)))
        {
            throw Bad(name, value, "a folder, not a file");
        }

        if (name == "HIL_SUITE" && !RunConfig.Suites.Contains(value, StringComparer.Ordinal))
        {
            throw Bad(name, value, $"one of {string.Join(", ", RunConfig.Suites)}");
        }

        if (name == "HIL_RIG" && !File.Exists(ResultsLayout.UnderRepository(value)))
        {
            throw Bad(name, value, "an existing rig file (relative paths are under the repository)");
        }
    }

    private static InputException Bad(string name, string value, string expected) =>
        new($"environment variable {name}='{value}': expected {expected}");
}
