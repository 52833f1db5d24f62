using Hil.Foundation;
using Hil.Latency.Baselines;
using Hil.Latency.Files;

namespace Hil.Latency.Tests;

public sealed class StoreTests : TempFolderTest
{
    [Test]
    public void A_saved_baseline_lists_and_loads_back_unchanged()
    {
        var run = Synthetic.Run(Synthetic.LogNormal(3000, 40_000, 0.3, 1), analyse: true);
        var store = new BaselineStore(Dir);
        var path = store.Save(run);
        var loaded = store.Load(run.Key).Single();
        Assert.Multiple(() =>
        {
            Assert.That(path, Does.EndWith(Path.Combine("sim-test", "app-relay", "0.1.0__test-os", "run-0001.json")));
            Assert.That(loaded.Key, Is.EqualTo(run.Key));
            Assert.That(loaded.Summary, Is.EqualTo(run.Summary));
            Assert.That(loaded.Subsample, Is.EqualTo(run.Subsample));
            Assert.That(loaded.Accounting, Is.EqualTo(run.Accounting));
            Assert.That(loaded.Estimates.Select(e => e.Quantile), Is.EqualTo(run.Estimates.Select(e => e.Quantile)));
            Assert.That(store.List().Single().Key, Is.EqualTo(run.Key));
        });
    }

    [Test]
    public void A_faulted_run_keeps_its_faults_in_the_file_and_is_refused_as_a_baseline()
    {
        var run = Synthetic.Run(Synthetic.LogNormal(500, 40_000, 0.3, 1)) with { InjectedFaults = ["DelayPerHopNs 200000 at Driver1 (hop-delay at rig.yaml:3:7)"] };
        var back = LatencyRunFile.FromJson(LatencyRunFile.ToJson(run), "test");
        Assert.That(back.InjectedFaults, Is.EqualTo(run.InjectedFaults));
        var e = Assert.Throws<InputException>(() => new BaselineStore(Dir).Save(back));
        Assert.That(e!.Message, Does.Contain("injected fault (DelayPerHopNs 200000 at Driver1").And.Contain("a baseline must be a clean run"));
        var delayed = run with { InjectedFaults = [], InjectedDelay = new InjectedDelay(20, 9000, "test") };
        Assert.That(() => new BaselineStore(Dir).Save(delayed), Throws.TypeOf<InputException>().With.Message.Contains("--inject-delay"));
    }

    [Test]
    public void Resolve_takes_a_file_path_or_a_key()
    {
        var run = Synthetic.Run(Synthetic.LogNormal(500, 40_000, 0.3, 1));
        var store = new BaselineStore(Dir);
        var file = Path.Combine(Dir, "elsewhere.json");
        LatencyRunFile.Write(file, run);
        store.Save(run);
        Assert.That(store.Resolve(file).Single().Summary, Is.EqualTo(run.Summary));
        Assert.That(store.Resolve("sim-test/app-relay/0.1.0/test-os").Single().Summary, Is.EqualTo(run.Summary));
        Assert.That(store.Resolve(store.PathFor(run.Key)).Single().Summary, Is.EqualTo(run.Summary), "a folder of runs");
    }

    [Test]
    public void A_missing_baseline_names_the_key_and_the_path_looked_at()
    {
        var e = Assert.Throws<InputException>(() => new BaselineStore(Dir).Resolve("sim/app-relay/9/os"));
        Assert.That(e!.Message, Does.Contain("sim/app-relay/9/os").And.Contain("9__os"));
    }

    [Test]
    public void Saving_appends_to_the_set_and_drops_the_oldest_past_the_cap()
    {
        var store = new BaselineStore(Dir, cap: 3);
        var runs = Enumerable.Range(1, 4).Select(i => Synthetic.Run(Synthetic.LogNormal(300, 40_000 + (i * 1000), 0.3, i))).ToList();
        var paths = runs.Select(store.Save).ToList();
        var kept = store.Load(runs[0].Key);
        Assert.Multiple(() =>
        {
            Assert.That(kept.Select(r => r.Summary), Is.EqualTo(runs.Skip(1).Select(r => r.Summary)), "oldest first, the first dropped");
            Assert.That(File.Exists(paths[0]), Is.False);
            Assert.That(paths[3], Does.EndWith("run-0004.json"));
            Assert.That(store.List().Single().Runs, Is.EqualTo(3));
        });
    }

    [Test]
    public void A_legacy_single_file_baseline_counts_as_the_oldest_run_of_its_set()
    {
        var store = new BaselineStore(Dir);
        var legacy = Synthetic.Run(Synthetic.LogNormal(300, 40_000, 0.3, 1));
        LatencyRunFile.Write(store.PathFor(legacy.Key) + ".json", legacy);
        var newer = Synthetic.Run(Synthetic.LogNormal(300, 50_000, 0.3, 2));
        store.Save(newer);
        Assert.That(store.Load(legacy.Key).Select(r => r.Summary), Is.EqualTo(new[] { legacy.Summary, newer.Summary }));
    }

    [Test]
    public void A_malformed_key_says_what_a_key_looks_like()
    {
        var e = Assert.Throws<InputException>(() => BaselineStore.ParseKey("sim/app-relay"));
        Assert.That(e!.Message, Does.Contain("rig/topology/dext-version/os-build"));
    }

    [Test]
    public void Closed_loop_runs_are_not_baselines()
    {
        var run = Synthetic.Run(Synthetic.LogNormal(500, 40_000, 0.3, 1)) with { Mode = LoadMode.ClosedLoop };
        Assert.Throws<InputException>(() => new BaselineStore(Dir).Save(run));
    }

    [Test]
    public void A_measurement_file_missing_a_field_names_the_file_and_field()
    {
        var run = Synthetic.Run(Synthetic.LogNormal(500, 40_000, 0.3, 1));
        var json = LatencyRunFile.ToJson(run).Replace("\"topology\": \"app-relay\",", string.Empty, StringComparison.Ordinal);
        var e = Assert.Throws<InputException>(() => LatencyRunFile.FromJson(json, "cur.json"));
        Assert.That(e!.Message, Is.EqualTo("cur.json: field 'topology' is missing or empty"));
    }

    [Test]
    public void Malformed_json_names_the_line()
    {
        var e = Assert.Throws<InputException>(() => LatencyRunFile.FromJson("{\n  \"format\": ,\n}", "cur.json"));
        Assert.That(e!.Message, Does.StartWith("cur.json: not a measurement file: line 2"));
    }
}
