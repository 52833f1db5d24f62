using System.CommandLine;
using System.Text.Json;
using Hil.Foundation;
using Hil.Latency.Baselines;
using Hil.Latency.Files;

namespace Hil.Cli.Commands;

/// <summary>
/// `hil baseline save FILE | list | show KEY|FILE` over the repository's baselines/ folder
/// (or --store DIR): one measurement file per rig/topology/dext-version/os-build.
/// </summary>
internal static class BaselineCommands
{
    public static Command Create()
    {
        var baseline = new Command("baseline", "latency baselines, keyed by rig/topology/dext-version/os-build");
        baseline.Subcommands.Add(CreateSave());
        baseline.Subcommands.Add(CreateList());
        baseline.Subcommands.Add(CreateShow());
        return baseline;
    }

    internal static Option<string?> StoreOption() => new("--store") { Description = "the baseline folder (default: baselines/ in the repository)" };

    internal static BaselineStore Store(string? path) => new(path ?? Path.Combine(RepositoryRoot.Find(), "baselines"));

    private static Command CreateSave()
    {
        var file = new Argument<string>("FILE") { Description = "a measurement file from `hil latency --out`" };
        var store = StoreOption();
        var command = new Command("save", "store a measurement as the baseline for its key (replaces the previous one; git keeps history)") { file, store };
        command.SetAction(parse =>
        {
            var run = LatencyRunFile.Read(parse.GetValue(file)!);
            var path = Store(parse.GetValue(store)).Save(run);
            Console.Out.WriteLine($"saved {BaselineStore.FormatKey(run.Key)} -> {path} (n={run.Summary.Count}, p50 {run.Summary.P50Ns} ns, p99 {run.Summary.P99Ns} ns)");
            return CliInvocation.Ok;
        });
        return command;
    }

    private static Command CreateList()
    {
        var store = StoreOption();
        var json = new Option<bool>("--json") { Description = "print as JSON" };
        var command = new Command("list", "list stored baselines") { store, json };
        command.SetAction(parse =>
        {
            var entries = Store(parse.GetValue(store)).List();
            if (parse.GetValue(json))
            {
                Console.Out.WriteLine(JsonSerializer.Serialize(entries.Select(e => new { key = BaselineStore.FormatKey(e.Key), e.Path, e.Samples, p50_ns = e.Summary.P50Ns, p99_ns = e.Summary.P99Ns, e.StartedUtc }), CliJson.Options));
            }
            else
            {
                foreach (var e in entries)
                {
                    Console.Out.WriteLine($"{BaselineStore.FormatKey(e.Key)}  n={e.Summary.Count}  p50 {e.Summary.P50Ns} ns  p99 {e.Summary.P99Ns} ns  {e.StartedUtc}  {e.Path}");
                }
            }

            return CliInvocation.Ok;
        });
        return command;
    }

    private static Command CreateShow()
    {
        var target = new Argument<string>("KEY|FILE") { Description = "rig/topology/dext-version/os-build, or a measurement file" };
        var store = StoreOption();
        var command = new Command("show", "print a baseline's figures, accounting, floor and warnings") { target, store };
        command.SetAction(parse =>
        {
            Console.Out.Write(LatencyCommands.Describe(Store(parse.GetValue(store)).Resolve(parse.GetValue(target)!)));
            return CliInvocation.Ok;
        });
        return command;
    }
}
