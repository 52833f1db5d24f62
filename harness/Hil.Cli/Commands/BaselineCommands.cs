using System.CommandLine;
using Hil.Foundation;
using Hil.Latency.Baselines;
using Hil.Latency.Files;

namespace Hil.Cli.Commands;

/// <summary>
/// `hil baseline save FILE [--cap N] | list | show KEY|FOLDER|FILE`, each with `--json FILE|-`, over the repository's baselines/
/// folder (or --store DIR): per rig/topology/dext-version/os-build a set of clean runs, which the
/// gate needs (at least 3) to know how much clean runs differ.
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
        var cap = NumberOptions.InRange("--cap", "most runs kept per key; the oldest goes first (git keeps it)", BaselineStore.DefaultCap, new NumberRange<int>(1, BaselineStore.MaxCap));
        var json = CliJson.Option("the key, the file saved and the key's run count");
        var command = new Command("save", "add a clean measurement to its key's baseline set (the gate needs at least 3 runs)") { file, store, cap, json };
        command.SetAction(parse =>
        {
            var run = LatencyRunFile.Read(parse.GetValue(file)!);
            var baselines = new BaselineStore(parse.GetValue(store) ?? Path.Combine(RepositoryRoot.Find(), "baselines"), parse.GetValue(cap));
            var path = baselines.Save(run);
            var count = baselines.Load(run.Key).Count;
            var target = parse.GetValue(json);
            CliJson.Write(target, new { key = BaselineStore.FormatKey(run.Key), path, runs = count, cap = baselines.Cap, samples = run.Summary.Count, p50_ns = run.Summary.P50Ns, p99_ns = run.Summary.P99Ns });
            CliJson.People(target).WriteLine($"saved {BaselineStore.FormatKey(run.Key)} run {count} of at most {baselines.Cap} -> {path} (n={run.Summary.Count:N0}, p50 {DurationText.Of(run.Summary.P50Ns)}, p99 {DurationText.Of(run.Summary.P99Ns)})");
            return CliInvocation.Ok;
        });
        return command;
    }

    private static Command CreateList()
    {
        var store = StoreOption();
        var json = CliJson.Option("the stored baselines");
        var command = new Command("list", "list stored baselines") { store, json };
        command.SetAction(parse =>
        {
            var baselines = Store(parse.GetValue(store));
            var entries = baselines.List();
            var target = parse.GetValue(json);
            CliJson.Write(target, entries.Select(e => new { key = BaselineStore.FormatKey(e.Key), e.Path, e.Runs, e.Samples, p50_ns = e.Summary.P50Ns, p99_ns = e.Summary.P99Ns, e.StartedUtc }).ToList());
            var people = CliJson.People(target);
            if (entries.Count == 0)
            {
                // Silence would read as "the command did nothing"; an empty store is a fact worth saying.
                people.WriteLine($"no baselines in {baselines.Root}");
            }
            else
            {
                foreach (var e in entries)
                {
                    people.WriteLine($"{BaselineStore.FormatKey(e.Key)}  runs={e.Runs}  newest: n={e.Summary.Count:N0}  p50 {DurationText.Of(e.Summary.P50Ns)}  p99 {DurationText.Of(e.Summary.P99Ns)}  {e.StartedUtc}  {e.Path}");
                }
            }

            return CliInvocation.Ok;
        });
        return command;
    }

    private static Command CreateShow()
    {
        var target = new Argument<string>("KEY|FOLDER|FILE") { Description = "rig/topology/dext-version/os-build, a folder of measurement files, or one file" };
        var store = StoreOption();
        var json = CliJson.Option("the runs' keys and figures");
        var command = new Command("show", "print a baseline's runs (p50, p99 each) and its newest run's figures, accounting, floor and warnings") { target, store, json };
        command.SetAction(parse =>
        {
            var runs = Store(parse.GetValue(store)).Resolve(parse.GetValue(target)!);
            var jsonTarget = parse.GetValue(json);
            CliJson.Write(jsonTarget, runs.Select(r => new { key = BaselineStore.FormatKey(r.Key), started_utc = r.StartedUtc, samples = r.Summary.Count, p50_ns = r.Summary.P50Ns, p99_ns = r.Summary.P99Ns }).ToList());
            var people = CliJson.People(jsonTarget);
            for (var i = 0; i < runs.Count; i++)
            {
                people.WriteLine($"run {i + 1}/{runs.Count}: {runs[i].StartedUtc}  n={runs[i].Summary.Count:N0}  p50 {DurationText.Of(runs[i].Summary.P50Ns)}  p99 {DurationText.Of(runs[i].Summary.P99Ns)}");
            }

            people.Write(LatencyCommands.Describe(runs[^1]));
            return CliInvocation.Ok;
        });
        return command;
    }
}
