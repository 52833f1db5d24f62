using System.Globalization;
using System.Text.Json;
using Hil.Foundation;
using Hil.Foundation.Files;
using Hil.Latency.Files;

namespace Hil.Reporting.Contracts;

/// <summary>
/// The one reader (and writer) of the run config. Precedence, first that applies:
/// <list type="number">
/// <item>HIL_RUN_CONFIG names a run-config file (what `hil run` passes): it is read whole and
/// nothing else is consulted, so a stale variable in the caller's shell cannot steer the run.</item>
/// <item>Otherwise, for `dotnet test` run directly (ci/test.sh, a developer), these settings,
/// each optional: HIL_RIG (rig file), HIL_SUITE, HIL_ALLURE_RESULTS (Allure results folder),
/// HIL_RATE_HZ, HIL_GATE_SAMPLES, HIL_GATE_RATE_HZ, HIL_GATE_INJECT_PERCENT,
/// HIL_GATE_SIM_BASELINE_RUNS (numbers count only when positive), HIL_BASELINES. Each is read from
/// the .runsettings TestRunParameters first, by its <see cref="ParameterOf">parameter name</see>
/// (HIL_RIG is `rig`: fixtures/sim.runsettings), then from the environment variable of that name.
/// Relative paths are taken from the repository root.</item>
/// <item>Defaults: rigs/sim.yaml, nightly, results/ and baselines/ under the repository root.</item>
/// </list>
/// `hil run` builds its config from step 2 too, then sets rig, suite and results from its options,
/// so the gate's sizes set in its environment still reach the fixtures.
/// </summary>
public static class RunConfigFile
{
    public const string Variable = "HIL_RUN_CONFIG";

    // The style of every file in the results layout (snake_case, indented), strict about names:
    // a misspelt field is refused, not silently left at its default.
    private static readonly JsonSerializerOptions Json = new(LatencyHeadlineFile.Json)
    {
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
    };

    private const string VariablePrefix = "HIL_";

    private static readonly Lazy<RunConfig> CurrentConfig = new(() => Load(Setting));

    /// <summary>This process's run config, read once.</summary>
    public static RunConfig Current => CurrentConfig.Value;

    /// <summary>
    /// True when the caller (`hil run`) handed this process a run-config file: the caller then owns
    /// the results folder (it may hold the health suite's results already); otherwise the fixtures do.
    /// </summary>
    public static bool HandedByCaller(Func<string, string?> env)
    {
        ArgumentNullException.ThrowIfNull(env);
        return env(Variable) is { Length: > 0 };
    }

    /// <summary>A setting as this test run sees it: its .runsettings parameter, else its environment variable.</summary>
    public static string? Setting(string variable) =>
        NUnit.Framework.TestContext.Parameters.Get(ParameterOf(variable)) is { Length: > 0 } value
            ? value
            : Environment.GetEnvironmentVariable(variable);

    /// <summary>The TestRunParameters name of a setting: HIL_RIG is `rig`, HIL_GATE_SAMPLES is `gate_samples`.</summary>
    public static string ParameterOf(string variable)
    {
        ArgumentNullException.ThrowIfNull(variable);
        return (variable.StartsWith(VariablePrefix, StringComparison.Ordinal) ? variable[VariablePrefix.Length..] : variable)
            .ToLowerInvariant();
    }

    public static RunConfig Load(Func<string, string?> env)
    {
        ArgumentNullException.ThrowIfNull(env);
        return env(Variable) is { Length: > 0 } path ? Read(Path.GetFullPath(path)) : FromEnvironment(env);
    }

    public static void Write(string path, RunConfig config) =>
        AtomicFile.WriteAllText(path, JsonSerializer.Serialize(config, Json) + "\n");

    public static RunConfig Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new InputException($"{path} ({Variable}): run-config file not found");
        }

        try
        {
            return JsonSerializer.Deserialize<RunConfig>(InputFile.ReadAllBytes(path, $"a run-config file ({Variable})", 1 << 20), Json)
                ?? throw new InputException($"{path} ({Variable}): expected a run-config object, found null");
        }
        catch (JsonException ex)
        {
            throw new InputException($"{path} ({Variable}): not a run-config file: {ex.Message}");
        }
    }

    /// <summary>Step 2 and 3 of the precedence: the variables a direct `dotnet test` may set, else defaults.</summary>
    public static RunConfig FromEnvironment(Func<string, string?> env)
    {
        ArgumentNullException.ThrowIfNull(env);
        var results = ResultsLayout.Default();
        if (Text(env, "HIL_ALLURE_RESULTS") is { } allure)
        {
            results = results with { AllureResults = ResultsLayout.UnderRepository(allure) };
        }

        var gate = new GateSettings();
        return new RunConfig
        {
            RigFile = ResultsLayout.UnderRepository(Text(env, "HIL_RIG") ?? Path.Combine("rigs", "sim.yaml")),
            Suite = Text(env, "HIL_SUITE") ?? "nightly",
            Results = results,
            RateHz = (int)Number(env, "HIL_RATE_HZ", 1000),
            Gate = new GateSettings
            {
                Samples = (long)Number(env, "HIL_GATE_SAMPLES", gate.Samples),
                RateHz = (int)Number(env, "HIL_GATE_RATE_HZ", gate.RateHz),
                InjectPercent = Number(env, "HIL_GATE_INJECT_PERCENT", gate.InjectPercent),
                SimBaselineRuns = (int)Number(env, "HIL_GATE_SIM_BASELINE_RUNS", gate.SimBaselineRuns),
            },
            Baselines = ResultsLayout.UnderRepository(Text(env, "HIL_BASELINES") ?? "baselines"),
        };
    }

    private static string? Text(Func<string, string?> env, string variable) => env(variable) is { Length: > 0 } v ? v : null;

    // Infinity parses as a double and would cast to a garbage count, so it is ignored like NaN; the
    // bound keeps every value castable to the int the settings hold.
    private static double Number(Func<string, string?> env, string variable, double fallback) =>
        double.TryParse(env(variable), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) && v > 0 && v <= int.MaxValue ? v : fallback;
}
