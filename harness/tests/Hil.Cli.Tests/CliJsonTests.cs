using System.CommandLine;
using System.Text.Json;
using Hil.Cli.Commands;
using Hil.Cli.Run;
using Microsoft.Extensions.Time.Testing;

namespace Hil.Cli.Tests;

/// <summary>`--json FILE` writes the file and leaves stdout to people; `--json -` puts the JSON, and only it, on stdout.</summary>
[NonParallelizable]
public sealed class CliJsonTests : TempFolderTest
{
    [Test]
    [CancelAfter(10_000)]
    public async Task Json_to_stdout_is_the_only_thing_on_stdout(CancellationToken ct)
    {
        var (exit, stdout, stderr) = await InvokeAsync(["baseline", "list", "--store", Path.Combine(Dir, "none"), "--json", "-"]);

        Assert.That(exit, Is.EqualTo(CliInvocation.Ok));
        Assert.That(JsonDocument.Parse(stdout).RootElement.GetArrayLength(), Is.Zero);
        Assert.That(stderr, Does.Contain("no baselines in"));
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task Json_to_a_file_writes_it_and_people_still_read_stdout(CancellationToken ct)
    {
        var file = Path.Combine(Dir, "out.json");
        var (exit, stdout, _) = await InvokeAsync(["baseline", "list", "--store", Path.Combine(Dir, "none"), "--json", file]);

        Assert.That(exit, Is.EqualTo(CliInvocation.Ok));
        Assert.That(stdout.Trim(), Does.StartWith("no baselines in"));
        Assert.That(JsonDocument.Parse(File.ReadAllText(file)).RootElement.ValueKind, Is.EqualTo(JsonValueKind.Array));
    }

    [Test]
    public void Every_verb_that_has_json_takes_a_file_or_a_dash()
    {
        var options = CommandCatalog.All().SelectMany(Descendants).SelectMany(c => c.Options).Where(o => o.Name == "--json").ToList();

        Assert.That(options, Has.Count.GreaterThanOrEqualTo(10), "run, latency, power (5), rig validate, baseline (3), gate, report, doctor");
        Assert.That(options, Has.All.InstanceOf<Option<string?>>(), "--json FILE|- everywhere, never a bare switch");
    }

    [Test]
    public void Every_verb_has_a_one_line_description_for_help() =>
        Assert.That(CommandCatalog.All().Select(c => c.Description), Has.All.Not.Empty.And.Not.Contain("\n"));

    [Test]
    [CancelAfter(10_000)]
    public async Task A_long_step_off_a_terminal_says_it_is_still_going_on_its_own_writer(CancellationToken ct)
    {
        var time = new FakeTimeProvider();
        var lines = new StringWriter();
        var done = new TaskCompletionSource<int>();

        var step = LongStep.RunAsync("running the nightly suite", () => done.Task, lines, time);
        time.Advance(LongStep.Interval * 2);
        done.SetResult(7);

        Assert.That(await step, Is.EqualTo(7));
        Assert.That(lines.ToString(), Does.Contain("hil: still running the nightly suite (1 min 0 s)"));
    }

    private static IEnumerable<Command> Descendants(Command command) => new[] { command }.Concat(command.Subcommands.SelectMany(Descendants));

    private static async Task<(int Exit, string Stdout, string Stderr)> InvokeAsync(string[] args)
    {
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        var (outBefore, errBefore) = (Console.Out, Console.Error);
        Console.SetOut(stdout);
        Console.SetError(stderr);
        try
        {
            var exit = await CliInvocation.InvokeAsync(new RootCommand("t") { BaselineCommands.Create() }, args);
            return (exit, stdout.ToString(), stderr.ToString());
        }
        finally
        {
            Console.SetOut(outBefore);
            Console.SetError(errBefore);
        }
    }
}
