using System.CommandLine;
using System.Globalization;
using Hil.Cli.Faults;
using Hil.Latency.Files;
using Hil.Latency.Measurement;
using Hil.Latency.Running;
using Hil.Rigs;
using Hil.Session;
using Hil.Sim;
using Hil.UserClients.Probe;

namespace Hil.Cli.Commands;

/// <summary>
/// `hil faults --rig FILE [--repeat N] [--json FILE|-] [--kind K]…`: injects every fault kind the sim
/// knows (<see cref="FaultKinds"/>) N times on a sim rig, each in its own rig session and short latency
/// run, and reports per kind the expected against the seen class, safe state, orphans, leaks, results
/// and exit code. Exit 1 when any kind falls short (issue 15; docs/SHUTDOWN.md).
/// </summary>
internal static class FaultsCommands
{
    // A short burst: long enough that a crash after 100 messages lands mid-burst, short enough for 20 repeats.
    private static readonly MeasurementPlan Plan = new(2_000, 2_000, 200, LoadMode.OpenLoop);

    public static Command Create()
    {
        var rig = new Option<string>("--rig") { Description = "a sim rig file, e.g. rigs/sim.yaml; its own faults are replaced by each trial's", Required = true };
        var repeat = NumberOptions.InRange("--repeat", "injections of each kind", 1, new NumberRange<int>(1, 1000));
        var json = CliJson.Option("the report ({\"faults\": [{kind, runs, expected, seen, …}]})");
        var kinds = new Option<string[]>("--kind") { Description = $"only these kinds ({string.Join(", ", FaultKinds.All)}); default all", AllowMultipleArgumentsPerToken = true };
        kinds.AcceptOnlyFromAmong([.. FaultKinds.All]);
        var topology = new Option<string>("--topology") { Description = "the topology each trial measures", DefaultValueFactory = _ => Topologies.Of(Topology.AppRelay).Name };
        var command = new Command("faults", "inject every fault kind on the sim rig N times and check each ends as it must, leaving nothing behind")
        {
            rig, repeat, json, kinds, topology,
        };
        command.SetAction(async (parse, ct) =>
        {
            CliEnvironment.Check(CliEnvironment.Session);
            var target = parse.GetValue(json);
            var spec = RigFile.Load(parse.GetValue(rig)!);
            var request = LatencyRequest.For(spec, TopologyNames.Parse(parse.GetValue(topology), "--topology"), Plan) with { MeasureFloor = false };
            var wanted = parse.GetValue(kinds) is { Length: > 0 } only ? only : [.. FaultKinds.All];
            var scenarios = FaultScenarios.For(spec, request.Topology).Where(s => wanted.Contains(s.Kind, StringComparer.Ordinal)).ToList();
            var logs = SimLogsOfTrials();
            var report = await RunAsync(spec, scenarios, request, parse.GetValue(repeat), CliJson.People(target), ct).ConfigureAwait(false);
            CliJson.Write(target, report);
            if (logs is not null && report.AsExpected && Directory.Exists(logs))
            {
                Directory.Delete(logs, recursive: true);
            }
            else if (logs is not null && Directory.Exists(logs))
            {
                await CliJson.People(target).WriteLineAsync($"the sim hosts' logs are in {logs}").ConfigureAwait(false);
            }

            return report.AsExpected ? CliInvocation.Ok : CliInvocation.Failed;
        });
        return command;
    }

    private static async Task<FaultReport> RunAsync(
        RigSpec spec, IReadOnlyList<FaultScenario> scenarios, LatencyRequest request, int repeat, TextWriter people, CancellationToken ct)
    {
        // Each trial waits a short while per silent relay channel: a hung board answers no channel, and
        // the restorer still tries every one (twice: on open and on shutdown).
        var options = new RigSessionOptions { Time = TimeProvider.System, SafeStateChannelTimeout = TimeSpan.FromSeconds(1), Log = _ => { } };
        var tallies = new List<FaultTally>();
        foreach (var scenario in scenarios)
        {
            var runs = new List<TrialResult>();
            for (var i = 1; i <= repeat; i++)
            {
                var result = await FaultTrial.RunAsync(scenario, request, options, ct).ConfigureAwait(false);
                runs.Add(result);
                await people.WriteLineAsync(F($"{scenario.Kind} {i}/{repeat}: {result.Seen} (expected {scenario.Expected}), exit {result.ExitCode}")).ConfigureAwait(false);
            }

            tallies.Add(FaultTally.Of(scenario, runs));
        }

        var report = new FaultReport(spec.SourcePath, repeat, tallies.All(t => t.AsExpected), tallies);
        await people.WriteAsync(FaultTable.Format(report)).ConfigureAwait(false);
        return report;
    }

    /// <summary>
    /// The trials' sim host logs go to $HIL_SIM_LOGS when the caller set it; else to a folder of this
    /// run's, removed when every kind ended as expected (returned, to be removed or named at the end).
    /// </summary>
    private static string? SimLogsOfTrials()
    {
        if (Environment.GetEnvironmentVariable(SimLogFolder.Variable) is { Length: > 0 })
        {
            return null;
        }

        var logs = Path.Combine(Path.GetTempPath(), $"hil-faults-logs-{Environment.ProcessId}");
        Environment.SetEnvironmentVariable(SimLogFolder.Variable, logs);
        return logs;
    }

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
