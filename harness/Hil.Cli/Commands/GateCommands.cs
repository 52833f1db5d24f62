using System.CommandLine;
using System.Globalization;
using Hil.Foundation;
using Hil.Foundation.Processes;
using Hil.Latency.Baselines;
using Hil.Latency.Files;
using Hil.Latency.Gate;

namespace Hil.Cli.Commands;

/// <summary>
/// `hil gate --baseline KEY|FOLDER --current FILE [--alpha A] [--threshold PCT] [--confirm FILE|cmd:COMMAND]
/// [--store DIR] [--evidence FILE] [--json FILE|-]`: exit 0 pass, 1 regression, 2 error, evidence on stdout (stderr with `--json -`).
/// The baseline is a set of at least 3 clean runs (a store key or a folder of measurement files);
/// a single file is refused with exit 2, because one run cannot show between-run variance.
/// --confirm is the confirming re-measure, used only if the current run regressed: a
/// measurement file, or <c>cmd:COMMAND</c> run with /bin/sh -c after replacing <c>{out}</c>
/// with a fresh file path that COMMAND must write a measurement to (e.g.
/// <c>cmd:./hil latency --rig rigs/sim.yaml --topology app-relay --samples 20000 --rate 2000 --out {out}</c>).
/// </summary>
internal static class GateCommands
{
    private static readonly TimeSpan ConfirmTimeout = TimeSpan.FromMinutes(30);

    public static Command Create()
    {
        var baseline = new Option<string>("--baseline") { Description = "baseline runs: key rig/topology/dext-version/os-build in the store, a folder of measurement files (at least 3 runs), or auto (the current run's own key)", Required = true };
        var current = new Option<string>("--current") { Description = "the measurement to judge", Required = true };
        var alpha = NumberOptions.InRange("--alpha", "significance level per percentile test", GateOptions.Default.Alpha, new NumberRange<double>(0, 1, MinExclusive: true, MaxExclusive: true));
        var threshold = NumberOptions.InRange("--threshold", "smallest regression to catch, % of p50 or p99", GateOptions.Default.ThresholdPercent, new NumberRange<double>(0, GateOptions.MaxThresholdPercent, MinExclusive: true));
        var confirm = new Option<string?>("--confirm") { Description = "confirming re-measure: a measurement FILE, or cmd:COMMAND writing one to {out}" };
        var store = BaselineCommands.StoreOption();
        var evidence = new Option<string?>("--evidence") { Description = "also write the evidence text to FILE" };
        var json = CliJson.Option("the verdict and checks");
        var command = new Command("gate", "latency regression gate: exit 0 pass, 1 regression, 2 error")
        {
            baseline, current, alpha, threshold, confirm, store, evidence, json,
        };
        command.SetAction(async (parse, ct) =>
        {
            try
            {
                var options = GateOptions.Default with { Alpha = parse.GetValue(alpha), ThresholdPercent = parse.GetValue(threshold) };
                var currentPath = parse.GetValue(current)!;
                var currentRun = LatencyRunFile.Read(currentPath);
                var baselineText = parse.GetValue(baseline)!;
                var baselines = BaselineCommands.Store(parse.GetValue(store));

                // auto, the nightly gate: the baseline stored under the current run's own key, looked up
                // as a key only, so a key read from a file cannot name a folder or file outside the store.
                var auto = baselineText == "auto";
                baselineText = auto ? BaselineStore.FormatKey(currentRun.Key) : baselineText;
                var baselineRuns = auto ? baselines.Load(currentRun.Key) : baselines.Resolve(baselineText);
                var confirmSpec = parse.GetValue(confirm);
                var result = await RegressionGate.EvaluateAsync(
                    new BaselineSet(baselineRuns, baselineText),
                    new GateInput(currentRun, currentPath),
                    options,
                    confirmSpec is null ? null : token => ConfirmAsync(confirmSpec, TimeProvider.System, token),
                    ct).ConfigureAwait(false);
                var target = parse.GetValue(json);
                await CliJson.People(target).WriteAsync(result.Evidence).ConfigureAwait(false);
                if (parse.GetValue(evidence) is { } evidencePath)
                {
                    AtomicFile.WriteAllText(evidencePath, result.Evidence);
                }

                CliJson.Write(target, GateVerdict.Of(result));

                return result.ExitCode;
            }
            catch (HilException ex)
            {
                // Whatever went wrong, the gate could not decide: that is an error (2), never a verdict.
                await Console.Error.WriteLineAsync($"hil gate: [{ex.Tag}] {ex.Message}").ConfigureAwait(false);
                return CliInvocation.UsageOrRigError;
            }
        });
        return command;
    }

    /// <summary>The confirming re-measure: a measurement file, or what <c>cmd:COMMAND</c> wrote to <c>{out}</c>; the command's output passes through.</summary>
    internal static async Task<GateInput> ConfirmAsync(string spec, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!spec.StartsWith("cmd:", StringComparison.Ordinal))
        {
            return new GateInput(LatencyRunFile.Read(spec), spec);
        }

        var output = Path.Combine(Path.GetTempPath(), $"hil-confirm-{Environment.ProcessId}-{Guid.NewGuid():N}.json");
        var commandLine = spec["cmd:".Length..].Replace("{out}", output, StringComparison.Ordinal);
        if (!spec.Contains("{out}", StringComparison.Ordinal))
        {
            throw new InputException($"--confirm '{spec}': a cmd: re-measure must contain {{out}}, where it writes its measurement file");
        }

        var command = new ProcessCommand("/bin/sh", "-c", commandLine)
        {
            Timeout = ConfirmTimeout,
            WaitedFor = $"the confirming re-measure `{commandLine}`",
            OnOutputLine = Console.Out.WriteLine,
            OnErrorLine = Console.Error.WriteLine,
        };
        await Console.Error.WriteLineAsync($"hil gate: the current run regressed; confirming with: {commandLine}").ConfigureAwait(false);
        var outcome = await ProcessRunner.RunAsync(command, time, cancellationToken).ConfigureAwait(false);
        if (!outcome.Succeeded)
        {
            throw new InfrastructureException(string.Create(CultureInfo.InvariantCulture, $"--confirm: `{commandLine}` exited {outcome.ExitCode}; no confirming measurement"));
        }

        try
        {
            return new GateInput(LatencyRunFile.Read(output), $"re-measure `{commandLine}`");
        }
        finally
        {
            File.Delete(output);
        }
    }
}
