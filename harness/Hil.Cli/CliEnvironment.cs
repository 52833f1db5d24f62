using System.Globalization;
using Hil.Foundation;
using Hil.Reporting.Contracts;

namespace Hil.Cli;

/// <summary>
/// The environment variables `hil run` and its fixtures read (RunConfigFile, the rig lock, the sim's
/// logs), checked before any work: a value the fixtures would silently replace by a default, or trip
/// over after a measurement, is a usage error (exit 2) naming the variable and what was expected.
/// </summary>
internal static class CliEnvironment
{
    private static readonly string[] PositiveIntegers = ["HIL_RATE_HZ", "HIL_GATE_SAMPLES", "HIL_GATE_RATE_HZ", "HIL_GATE_SIM_BASELINE_RUNS"];
    private static readonly string[] PositiveNumbers = ["HIL_GATE_INJECT_PERCENT"];
    private static readonly string[] Folders = ["HIL_ALLURE_RESULTS", "HIL_BASELINES", "HIL_LOCK_DIR", "HIL_SIM_LOGS"];

    /// <exception cref="InputException">The first variable whose value is wrong, naming it.</exception>
    public static void Check(Func<string, string?> env)
    {
        ArgumentNullException.ThrowIfNull(env);
        foreach (var (name, value) in Set(env, PositiveIntegers))
        {
            if (!long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1 || n > int.MaxValue)
            {
                throw Bad(name, value, $"an integer 1..{int.MaxValue}");
            }
        }

        foreach (var (name, value) in Set(env, PositiveNumbers))
        {
            if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) || !double.IsFinite(x) || x <= 0)
            {
                throw Bad(name, value, "a finite number greater than 0");
            }
        }

        foreach (var (name, value) in Set(env, Folders))
        {
            if (File.Exists(ResultsLayout.UnderRepository(value)))
            {
                throw Bad(name, value, "a folder, not a file");
            }
        }

        if (env("HIL_SUITE") is { Length: > 0 } suite && !RunConfig.Suites.Contains(suite, StringComparer.Ordinal))
        {
            throw Bad("HIL_SUITE", suite, $"one of {string.Join(", ", RunConfig.Suites)}");
        }

        if (env("HIL_RIG") is { Length: > 0 } rig && !File.Exists(ResultsLayout.UnderRepository(rig)))
        {
            throw Bad("HIL_RIG", rig, "an existing rig file (relative paths are under the repository)");
        }
    }

    private static IEnumerable<(string Name, string Value)> Set(Func<string, string?> env, IEnumerable<string> names) =>
        names.Select(n => (n, env(n))).Where(p => !string.IsNullOrEmpty(p.Item2)).Select(p => (p.n, p.Item2!));

    private static InputException Bad(string name, string value, string expected) =>
        new($"environment variable {name}='{value}': expected {expected}");
}
