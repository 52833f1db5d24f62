using Hil.Cli.Commands;
using Hil.Foundation;
using Hil.Latency.Files;
using Hil.Latency.Measurement;

namespace Hil.Cli.Tests;

public sealed class GateConfirmTests
{
    private string folder = "";

    [SetUp]
    public void CreateFolder() => folder = Directory.CreateTempSubdirectory("hil-gate-confirm-").FullName;

    [TearDown]
    public void RemoveFolder() => Directory.Delete(folder, recursive: true);

    [Test]
    [CancelAfter(30_000)]
    public async Task A_cmd_re_measure_is_read_from_the_file_it_wrote_to_out(CancellationToken ct)
    {
        var measured = Measurement("measured.json");
        var input = await GateCommands.ConfirmAsync($"cmd:cp '{measured.Path}' {{out}}", TimeProvider.System, ct);
        Assert.That(input.Run.Key, Is.EqualTo(measured.Run.Key));
        Assert.That(input.Source, Does.StartWith("re-measure `cp "));
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task A_file_is_its_own_re_measure(CancellationToken ct)
    {
        var measured = Measurement("confirm.json");
        var input = await GateCommands.ConfirmAsync(measured.Path, TimeProvider.System, ct);
        Assert.That((input.Run.Key, input.Source), Is.EqualTo((measured.Run.Key, measured.Path)));
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task A_failing_or_out_less_command_is_an_error_not_a_verdict(CancellationToken ct)
    {
        var failed = await Assert.ThrowsAsync<InfrastructureException>(() => GateCommands.ConfirmAsync("cmd:exit 3 # {out}", TimeProvider.System, ct));
        Assert.That(failed!.Message, Does.Contain("exited 3; no confirming measurement"));
        var noOut = await Assert.ThrowsAsync<InputException>(() => GateCommands.ConfirmAsync("cmd:true", TimeProvider.System, ct));
        Assert.That(noOut!.Message, Does.Contain("must contain {out}"));
    }

    private (string Path, LatencyRun Run) Measurement(string name)
    {
        var metadata = new RunMetadata(new RunKey("sim-test", "app-relay", "0.1.0", "test-os"), "host", LoadMode.OpenLoop, 1000, 200, 0, "2026-12-02T00:00:00Z", null, null);
        var run = RunAnalysis.FromValues(metadata, Enumerable.Range(1, 200).Select(i => i * 1_000L));
        var path = Path.Combine(folder, name);
        LatencyRunFile.Write(path, run);
        return (path, run);
    }
}
