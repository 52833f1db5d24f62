using Hil.Foundation;
using Hil.Foundation.Processes;

namespace Hil.Foundation.Tests;

public sealed class ProcessRunnerTests
{
    private static readonly TimeProvider Time = TimeProvider.System;

    [Test]
    [CancelAfter(30_000)]
    public async Task Output_and_exit_code_are_captured_and_lines_streamed(CancellationToken ct)
    {
        var lines = new List<string>();
        var outcome = await ProcessRunner.RunAsync(
            new ProcessCommand("/bin/sh", "-c", "echo one; echo two; echo oops >&2; exit 3") { OnOutputLine = lines.Add },
            Time, ct);

        Assert.That(outcome.ExitCode, Is.EqualTo(3));
        Assert.That(outcome.StandardOutput, Is.EqualTo("one\ntwo\n"));
        Assert.That(outcome.StandardError.Trim(), Is.EqualTo("oops"));
        Assert.That(lines, Is.EqualTo(new[] { "one", "two" }));
        var e = Assert.Throws<InfrastructureException>(() => outcome.EnsureSuccess());
        Assert.That(e!.Message, Does.Contain("/bin/sh -c").And.Contain("exited with 3").And.Contain("oops"));
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task Environment_working_directory_and_input_reach_the_child(CancellationToken ct)
    {
        var dir = Path.GetTempPath();
        var outcome = await ProcessRunner.RunAsync(
            new ProcessCommand("/bin/sh", "-c", "echo \"$HIL_PROBE_VAR\"; pwd; cat")
            {
                Environment = new Dictionary<string, string?> { ["HIL_PROBE_VAR"] = "set" },
                WorkingDirectory = dir,
                StandardInput = "from stdin",
            },
            Time, ct);

        var lines = outcome.EnsureSuccess().StandardOutput.Split('\n');
        Assert.That(lines[0], Is.EqualTo("set"));
        Assert.That(Path.GetFullPath(lines[1]).TrimEnd('/'), Is.EqualTo(Path.GetFullPath(dir).TrimEnd('/')));
        Assert.That(lines[2], Is.EqualTo("from stdin"));
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task A_timeout_names_what_it_waited_for_and_kills_the_whole_tree(CancellationToken ct)
    {
        using var pidFile = new TempFile();
        var command = new ProcessCommand("/bin/sh", "-c", $"sleep 300 & echo $! > {pidFile.Path}; wait")
        {
            Timeout = TimeSpan.FromSeconds(2),
            WaitedFor = "the sleeper to finish",
            TimeoutFault = FaultKind.RigFault,
        };

        var e = await Assert.ThrowsAsync<WaitTimeoutException>(() => ProcessRunner.RunAsync(command, Time, ct));
        Assert.That(e!.Message, Does.Contain("the sleeper to finish"));
        Assert.That(e.Fault, Is.EqualTo(FaultKind.RigFault));
        await AssertGoneAsync(await pidFile.ReadPidAsync(ct), ct);
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Cancelling_kills_the_whole_tree_and_throws_cancelled(CancellationToken ct)
    {
        using var pidFile = new TempFile();
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var run = StartShell($"sleep 300 & echo $! > {pidFile.Path}; wait", TimeSpan.Zero, cancel.Token);
        var pid = await pidFile.ReadPidAsync(ct);
        await cancel.CancelAsync();

        Assert.That(async () => await run, Throws.InstanceOf<OperationCanceledException>());
        await AssertGoneAsync(pid, ct);
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task With_a_grace_period_the_child_gets_sigint_first(CancellationToken ct)
    {
        using var marker = new TempFile();
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var run = StartShell(
            $"trap 'echo interrupted > {marker.Path}; exit 130' INT; echo ready > {marker.Path}; while :; do sleep 0.05; done",
            TimeSpan.FromSeconds(20), cancel.Token);
        await marker.WaitForAsync("ready", ct);
        await cancel.CancelAsync();

        Assert.That(async () => await run, Throws.InstanceOf<OperationCanceledException>());
        await marker.WaitForAsync("interrupted", ct);
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task A_missing_program_is_an_infrastructure_fault_with_the_hint(CancellationToken ct)
    {
        var e = await Assert.ThrowsAsync<InfrastructureException>(() => ProcessRunner.RunAsync(
            new ProcessCommand("/nonexistent/hil-no-such-tool", "--x") { MissingHint = "build it with cmake" }, Time, ct));
        Assert.That(e!.Message, Does.Contain("/nonexistent/hil-no-such-tool --x").And.Contain("build it with cmake"));
    }

    [Test]
    public void The_command_line_quotes_arguments_with_spaces()
    {
        Assert.That(new ProcessCommand("tool", "a b", "c", "").CommandLine, Is.EqualTo("tool 'a b' c ''"));
    }

    /// <summary>A shell script run with a long timeout, for tests that cancel it themselves.</summary>
    private static Task<ProcessOutcome> StartShell(string script, TimeSpan gracePeriod, CancellationToken cancellationToken)
    {
        var (program, arguments) = DefaultSignals.Command("/bin/sh", ["-c", script]);
        return ProcessRunner.RunAsync(
            new ProcessCommand(program, arguments) { Timeout = TimeSpan.FromMinutes(5), GracePeriod = gracePeriod },
            Time, cancellationToken);
    }

    private static async Task AssertGoneAsync(int pid, CancellationToken ct)
    {
        // Killing is asynchronous to us: poll /proc until the pid is gone or reaped (a zombie of
        // an init we do not own counts as gone: it runs nothing).
        while (File.Exists($"/proc/{pid}/stat") && !(await File.ReadAllTextAsync($"/proc/{pid}/stat", ct)).Contains(") Z", StringComparison.Ordinal))
        {
            await Task.Delay(50, ct);
        }
    }

    private sealed class TempFile : IDisposable
    {
        public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"hil-runner-{Guid.NewGuid():N}");

        public async Task<int> ReadPidAsync(CancellationToken ct)
        {
            var text = await WaitForAsync(null, ct);
            return int.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
        }

        public async Task<string> WaitForAsync(string? expected, CancellationToken ct)
        {
            while (true)
            {
                var text = File.Exists(Path) ? (await File.ReadAllTextAsync(Path, ct)).Trim() : "";
                if (text.Length > 0 && (expected is null || text == expected))
                {
                    return text;
                }

                await Task.Delay(20, ct);
            }
        }

        public void Dispose() => File.Delete(Path);
    }
}
