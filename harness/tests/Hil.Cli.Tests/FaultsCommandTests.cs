using System.Collections.Immutable;
using System.Text.Json;
using Hil.Cli.Faults;
using Hil.Foundation;
using Hil.Rigs;
using Hil.TestSupport;
using Hil.UserClients.Probe;

namespace Hil.Cli.Tests;

/// <summary>
/// `hil faults` as `./hil test` runs it: every fault kind once on rigs/sim.yaml in a child process with
/// its own lock folder, each ending in its class with nothing left behind; and the tally's rules.
/// </summary>
[NonParallelizable]
public sealed class FaultsCommandTests : TempFolderTest
{
    private static readonly string[] Fields =
        ["kind", "runs", "expected", "seen", "safe_state_restored", "orphans", "leaks", "results_valid", "exit_code"];

    [Test]
    [CancelAfter(900_000)]
    public async Task Every_kind_once_on_the_sim_rig_ends_as_expected_and_leaves_nothing(CancellationToken ct)
    {
        var root = RepositoryRoot.Find();
        var json = Path.Combine(Dir, "faults.json");
        var started = PidNamedObjects.Now();
        await using var hil = ChildProcess.StartDotnet(
            Path.Combine(TestContext.CurrentContext.TestDirectory, "hil.dll"),
            ["faults", "--rig", Path.Combine(root, "rigs", "sim.yaml"), "--repeat", "1", "--json", json],
            new Dictionary<string, string> { ["HIL_LOCK_DIR"] = Path.Combine(Dir, "locks") }, root);

        var exit = await hil.ExitAsync(TimeSpan.FromMinutes(14), "hil faults --repeat 1", ct);

        Assert.That(exit, Is.Zero, hil.Output);
        var faults = JsonDocument.Parse(File.ReadAllText(json)).RootElement.GetProperty("faults").EnumerateArray().ToList();
        Assert.That(faults.Select(f => f.GetProperty("kind").GetString()), Is.EqualTo(FaultKinds.All));
        Assert.Multiple(() =>
        {
            foreach (var fault in faults)
            {
                Assert.That(Fields.Where(name => !fault.TryGetProperty(name, out _)), Is.Empty, fault.ToString());
                Assert.That(fault.GetProperty("seen").GetString(), Is.EqualTo(fault.GetProperty("expected").GetString()), fault.ToString());
                Assert.That(fault.GetProperty("orphans").GetInt32() + fault.GetProperty("leaks").GetInt32(), Is.Zero, fault.ToString());
            }
        });
        Assert.That(PidNamedObjects.Of([hil.Pid], started), Is.Empty, "nothing of the run is left in the temp folder or shared memory");
    }

    [Test]
    public void There_is_a_scenario_for_every_fault_kind_and_each_names_its_kind()
    {
        var rig = RigFile.Load(Path.Combine(RepositoryRoot.Find(), "rigs", "sim.yaml"));

        var scenarios = FaultScenarios.For(rig, Topology.AppRelay);

        Assert.That(scenarios.Select(s => s.Kind), Is.EqualTo(FaultKinds.All));
        Assert.That(scenarios.Select(s => s.Fault.Kind), Is.EqualTo(FaultKinds.All));
        Assert.That(scenarios.Select(s => s.Apply(rig).Sim!.Faults.Single()), Is.EqualTo(scenarios.Select(s => s.Fault)));
    }

    [Test]
    public void A_kind_falls_short_on_any_run_that_leaves_something_or_ends_otherwise()
    {
        var scenario = new FaultScenario(FaultKinds.NeverEnumerate, new FaultSpec(FaultKinds.NeverEnumerate, "stimulus-a", ImmutableDictionary<string, string>.Empty, new SourceLocation("r.yaml", 1, 1)), "rig-fault", 2);
        var good = new TrialResult("rig-fault", true, [], [], true, 2, "device never arrived");

        var clean = FaultTally.Of(scenario, [good, good]);
        var orphan = FaultTally.Of(scenario, [good, good with { Orphans = ["hil-simhost (pid 7)"] }]);
        var other = FaultTally.Of(scenario, [good, good with { Seen = "product-defect", ExitCode = 1 }]);

        Assert.That(clean.AsExpected, Is.True);
        Assert.That((orphan.AsExpected, orphan.Orphans, orphan.Short.Single()), Is.EqualTo((false, 1, "run 2: left running hil-simhost (pid 7)")));
        Assert.That((other.AsExpected, other.Seen, other.ExitCode), Is.EqualTo((false, "rig-fault 1, product-defect 1", 1)));
    }
}
