using System.CommandLine;
using System.Globalization;
using Hil.Cli.Run;
using Hil.Foundation;
using Hil.Latency.Files;
using Hil.Latency.Measurement;
using Hil.Latency.Running;
using Hil.Rigs;
using Hil.Session;
using Hil.Session.Backends;
using Hil.UserClients.Probe;

namespace Hil.Cli.Commands;

/// <summary>
/// `hil latency --rig FILE --topology T --samples N --rate HZ [--warmup W] [--closed-loop]
/// [--json FILE|-] [--out FILE] [--inject-delay PCT] [--dext-version V] [--no-floor] [--repeat N]`:
/// measures one topology on the rig (its floor beside the burst) and prints its figures.
/// </summary>
internal static class LatencyCommands
{
    public static Command Create()
    {
        var rig = new Option<string>("--rig") { Description = "the rig file, e.g. rigs/sim.yaml", Required = true };
        var topology = new Option<string>("--topology") { Description = string.Join(" | ", Topologies.Names), Required = true };
        var samples = NumberOptions.InRange("--samples", "measured messages (after the warm-up)", 10_000L, new NumberRange<long>(1, MeasurementPlan.MaxSamples));
        var rate = NumberOptions.InRange("--rate", "paced send rate in Hz (open loop)", 1000, new NumberRange<int>(1, MeasurementPlan.MaxRateHz));
        var warmup = NumberOptions.InRange("--warmup", "messages sent first and discarded (reported)", 500L, new NumberRange<long>(0, MeasurementPlan.MaxTotal - 1));
        var closedLoop = new Option<bool>("--closed-loop") { Description = "throughput mode: send as fast as possible; labelled closed-loop, never a baseline" };
        var json = CliJson.Option("the headline figures");
        var output = new Option<string?>("--out") { Description = "write the measurement file (histogram, accounting, floor, warnings) the gate and baselines read" }.AsOutputFile();
        var inject = NumberOptions.Optional("--inject-delay", "add PCT % of a pre-run's p50 per message at Driver1 (fault 2), to prove the gate catches it", InjectDelayRange);
        var dext = new Option<string?>("--dext-version") { Description = "dext version for the baseline key (default: the rig's Info.plist CFBundleVersion, else 'dev')" };
        var doorbell = DoorbellOption.Create();
        var noFloor = new Option<bool>("--no-floor") { Description = "skip hil-floor (the figures then have no floor to be read against)" };
        var repeat = NumberOptions.InRange("--repeat", "measure N runs one after another on one rig session (--out then needs {n}, replaced by 01, 02, …)", 1, RepeatRange);
        var command = new Command("latency", "measure one topology's one-way latency on the rig, open loop from the scheduled send time")
        {
            rig, topology, samples, rate, warmup, closedLoop, json, output, inject, dext, doorbell, noFloor, repeat,
        };
        command.SetAction(async (parse, ct) =>
        {
            CliEnvironment.Check(CliEnvironment.Session);
            var spec = RigFile.Load(parse.GetValue(rig)!);
            var mode = parse.GetValue(closedLoop) ? LoadMode.ClosedLoop : LoadMode.OpenLoop;
            var plan = new MeasurementPlan(parse.GetValue(samples), parse.GetValue(rate), parse.GetValue(warmup), mode);
            var request = LatencyRequest.For(spec, TopologyNames.Parse(parse.GetValue(topology), "--topology"), plan, parse.GetValue(dext)) with
            {
                InjectDelayPercent = parse.GetValue(inject),
                MeasureFloor = !parse.GetValue(noFloor),
                Doorbell = DoorbellNames.Parse(parse.GetValue(doorbell)!),
            };
            var runs = parse.GetValue(repeat);
            var outPattern = parse.GetValue(output);
            if (runs < 1 || (runs > 1 && outPattern is not null && !outPattern.Contains("{n}", StringComparison.Ordinal)))
            {
                throw new InputException($"--repeat {runs}: expected 1 or more, and with more than 1 an --out containing {{n}} (got '{outPattern}')");
            }

            var options = new RigSessionOptions { Time = TimeProvider.System };
            var target = parse.GetValue(json);
            return await SessionScope.RunAsync(
                RigBackends.OpenSessionAsync(spec, options, ct), session => MeasureAsync(session, request, runs, outPattern, target, ct), options.Log).ConfigureAwait(false);
        });
        return command;
    }

    private static async Task<int> MeasureAsync(RigSession session, LatencyRequest request, int runs, string? outPattern, string? target, CancellationToken ct)
    {
        var plan = request.Plan;
        LatencyRun run = null!;
        for (var i = 1; i <= runs; i++)
        {
            run = await LongStep.RunAsync($"measuring {Topologies.Of(request.Topology).Name}: {plan.Samples:N0} messages at {plan.RateHz:N0} Hz (run {i} of {runs})",
                () => RigLatencyRunner.RunAsync(session, request, TimeProvider.System, ct)).ConfigureAwait(false);
            CliJson.People(target).Write(Describe(run));
            if (outPattern is not null)
            {
                LatencyRunFile.Write(outPattern.Replace("{n}", i.ToString("00", CultureInfo.InvariantCulture), StringComparison.Ordinal), run);
            }
        }

        CliJson.Write(target, LatencyHeadline.Of(run));
        return CliInvocation.Ok;
    }

    internal static string Describe(LatencyRun run)
    {
        var s = run.Summary;
        var a = run.Accounting;
        var lines = new List<string>
        {
            F($"{run.Key.Topology} on {run.Key.Rig} ({run.Host}, os {run.Key.OsBuild}, dext {run.Key.DextVersion}), {LatencyRunFile.ModeName(run.Mode)} at {run.RateHz:N0} Hz"),
            F($"  samples {s.Count:N0} (warm-up {a.WarmupDiscarded:N0} discarded); sent {a.Sent:N0} = received {a.Received:N0} + lost {a.Lost:N0}; duplicated {a.Duplicated:N0}, reordered {a.Reordered:N0}"),
            $"  p50 {D(s.P50Ns)}  p90 {D(s.P90Ns)}  p99 {D(s.P99Ns)}  p99.9 {D(s.P999Ns)}  max {D(s.MaxNs)}",
        };
        lines.AddRange(run.Estimates.Select(e => F($"  HD q{e.Quantile:0.###}: {D(e.EstimateNs)} [{D(e.LowerNs)}, {D(e.UpperNs)}] at {e.Confidence:P1}, n={e.SampleSize:N0} subsample")));
        if (run.Floor is { } f)
        {
            lines.Add(F($"  floor {f.Primitive} ({f.Placement}): p50 {D(f.P50Ns)}, p99 {D(f.P99Ns)} -> run/floor p50 x{(double)s.P50Ns / Math.Max(1, f.P50Ns):0.00}, p99 x{(double)s.P99Ns / Math.Max(1, f.P99Ns):0.00}"));
        }

        if (run.InjectedDelay is { } d)
        {
            lines.Add($"  injected delay: {D(d.NsPerHop)} per message ({d.Basis})");
        }

        lines.AddRange(run.InjectedFaults.Select(fault => $"  injected fault: {fault}"));

        lines.AddRange(run.Warnings.Select(w => $"  warning {w}"));
        return string.Join('\n', lines) + "\n";
    }

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    private static string D(double nanoseconds) => DurationText.Of(nanoseconds);

    // Up to 100x the p50 per message: far past any regression the gate is proved against.
    private static NumberRange<double> InjectDelayRange => new(0, 10_000, MinExclusive: true);

    // {n} is written with two digits; a hundred runs is a calibration, not a gate.
    private static NumberRange<int> RepeatRange => new(1, 99);
}
