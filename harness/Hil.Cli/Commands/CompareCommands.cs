using System.CommandLine;
using Hil.Foundation;
using Hil.Latency.Compare;
using Hil.Latency.Running.Compare;
using Hil.Rigs;
using Hil.UserClients.Probe;

namespace Hil.Cli.Commands;

/// <summary>
/// `hil compare --rig FILE --topology T --baseline DIR --candidate DIR [--threshold PCT]
/// [--budget DURATION] [--json FILE] [--seed N] [--schedule S] [--rate HZ] [--messages N] [--doorbell D] [--no-floor]`: interleaved A/B comparison of two dext
/// builds in one session. Exit 1 regression, 0 same or improvement, 3 unknown (budget spent).
/// </summary>
internal static class CompareCommands
{
    public const int Unknown = 3;

    public static Command Create()
    {
        var rig = new Option<string>("--rig") { Description = "the rig file, e.g. rigs/sim.yaml", Required = true };
        var topology = new Option<string>("--topology") { Description = string.Join(" | ", Topologies.Names), Required = true };
        var baseline = new Option<string>("--baseline") { Description = "the last known good dext build directory (hil dext build --out DIR)", Required = true };
        var candidate = new Option<string>("--candidate") { Description = "the dext build directory under judgement", Required = true };
        var threshold = NumberOptions.InRange("--threshold", "the practical shift, in %, a regression is called at", CompareRule.DefaultThresholdPercent, new NumberRange<double>(0, 1000, MinExclusive: true));
        var budget = new Option<string>("--budget") { Description = $"wall time before an undecided comparison ends 'unknown': {RigDuration.Expected}", DefaultValueFactory = _ => "5m" };
        var json = new Option<string?>("--json") { Description = "write the verdict, intervals, calibration and every block as JSON to FILE" }.AsOutputFile();
        var seed = NumberOptions.InRange("--seed", "seed of the randomized block orders", 1, new NumberRange<int>(0, int.MaxValue));
        var rate = NumberOptions.InRange("--rate", "messages per second in each burst (a lower rate queues less on a busy host)", CompareRequest.DefaultBurst.RateHz, new NumberRange<int>(10, 10_000));
        var messages = NumberOptions.InRange("--messages", "messages in each burst (more: a steadier p99 per block, fewer blocks per minute)", (int)CompareRequest.DefaultBurst.Samples, new NumberRange<int>(50, 100_000));
        var schedule = new Option<CompareSchedule>("--schedule") { Description = "alternate: the arms' bursts one after the other (ABBA/BAAB); together: both at once (duet)", DefaultValueFactory = _ => CompareRequest.DefaultSchedule };
        var doorbell = DoorbellOption.Create(
            CompareRequest.DoorbellFor(Environment.ProcessorCount),
            $"by default {DoorbellNames.Spin} on hosts with {CompareRequest.SpinningProcessors}+ processors, else {DoorbellNames.SpinThenWait} (two spinning arms starve each other)");
        var noFloor = new Option<bool>("--no-floor") { Description = "skip hil-floor beside each burst (the floor is context for the reader; the verdict never rests on it)" };
        var command = new Command("compare", "compare two dext builds in randomized interleaved blocks on one rig session (exit 1 regression, 0 same/improvement, 3 unknown)")
        {
            rig, topology, baseline, candidate, threshold, budget, json, seed, schedule, rate, messages, doorbell, noFloor,
        };
        command.SetAction(async (parse, ct) =>
        {
            CliEnvironment.Check(CliEnvironment.Session);
            var budgetText = parse.GetValue(budget)!;
            if (!RigDuration.TryParse(budgetText, out var spend) || spend <= TimeSpan.Zero)
            {
                throw new InputException($"--budget {budgetText}: expected {RigDuration.Expected}, above zero");
            }

            var request = new CompareRequest(
                RigFile.Load(parse.GetValue(rig)!), TopologyNames.Parse(parse.GetValue(topology)!, "--topology"),
                DextBuild.Load(parse.GetValue(baseline)!), DextBuild.Load(parse.GetValue(candidate)!))
            {
                Rule = new CompareRule { ThresholdPercent = parse.GetValue(threshold) },
                Budget = spend,
                Seed = parse.GetValue(seed),
                Schedule = parse.GetValue(schedule),
                MeasureFloor = !parse.GetValue(noFloor),
                Doorbell = DoorbellNames.Parse(parse.GetValue(doorbell)!),
                Burst = CompareRequest.DefaultBurst with { RateHz = parse.GetValue(rate), Samples = parse.GetValue(messages) },
            };
            var result = await CompareRunner.RunAsync(request, TimeProvider.System, Console.Out.WriteLine, ct).ConfigureAwait(false);
            await Console.Out.WriteLineAsync(CompareOutput.Sentence(result)).ConfigureAwait(false);
            if (parse.GetValue(json) is { } path)
            {
                AtomicFile.WriteAllText(path, CompareJson.Write(CompareOutput.Document(result)));
            }

            return result.Verdict.ExitCode;
        });
        return command;
    }
}
