using System.ComponentModel;
using System.Text;
using CliWrap;

namespace Hil.Foundation.Processes;

/// <summary>
/// The one way the harness runs a child process, on CliWrap: output captured (and streamed
/// to the command's callbacks), a named timeout on the given <see cref="TimeProvider"/>,
/// graceful-then-forceful cancellation that kills the whole process tree, and a missing
/// program reported as an infrastructure fault that says how to get it.
/// </summary>
public static class ProcessRunner
{
    /// <summary>
    /// Runs <paramref name="command"/> to its end. A non-zero exit is returned, not thrown
    /// (<see cref="ProcessOutcome.EnsureSuccess"/> throws); running past the timeout throws
    /// <see cref="WaitTimeoutException"/>; the caller's cancellation throws
    /// <see cref="OperationCanceledException"/>. Either way the process tree is gone first.
    /// </summary>
    public static async Task<ProcessOutcome> RunAsync(ProcessCommand command, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(time);
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        using var timedOut = new CancellationTokenSource(command.Timeout, time);
        using var graceful = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timedOut.Token);
        using var forceful = new CancellationTokenSource();
        using var escalate = graceful.Token.Register(() =>
        {
            if (command.GracePeriod <= TimeSpan.Zero)
            {
                forceful.Cancel();
            }
            else
            {
                forceful.CancelAfter(command.GracePeriod);
            }
        });

        var started = time.GetTimestamp();
        int? pid = null;
        var signalled = new List<StartedProcess>();
        try
        {
            var task = Build(command, stdout, stderr)
                .ExecuteAsync(forceful.Token, command.GracePeriod > TimeSpan.Zero ? graceful.Token : CancellationToken.None);
            pid = task.ProcessId;
            StartedProcesses.Add(task.ProcessId, Path.GetFileName(command.Program));

            // Registered after CliWrap's own callback, so it runs first: the grandchildren (a test host
            // under `dotnet test`) hear the signal themselves before their parent can kill them.
            using var tree = graceful.Token.Register(() =>
            {
                var grandchildren = SignalDescendants(task.ProcessId, command.GracePeriod);
                lock (signalled)
                {
                    signalled.AddRange(grandchildren);
                }
            });
            var result = await task.ConfigureAwait(false);
            return new ProcessOutcome(command, result.ExitCode, stdout.ToString(), stderr.ToString(), time.GetElapsedTime(started));
        }
        catch (OperationCanceledException) when (timedOut.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            await Outlivers.StopAsync(Copy(signalled), command.GracePeriod, time).ConfigureAwait(false);
            throw new WaitTimeoutException(command.TimeoutSubject, command.Timeout, command.TimeoutFault);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await Outlivers.StopAsync(Copy(signalled), command.GracePeriod, time).ConfigureAwait(false);
            throw new OperationCanceledException($"cancelled `{command.CommandLine}`", cancellationToken);
        }
        catch (Win32Exception e)
        {
            var hint = command.MissingHint ?? "is it installed and on PATH?";
            throw new InfrastructureException($"cannot start `{command.CommandLine}`: {e.Message}; {hint}", e);
        }
        finally
        {
            if (pid is { } id)
            {
                StartedProcesses.Remove(id);
            }
        }
    }

    /// <summary>
    /// SIGINT to the .NET processes below the child (the test host under `dotnet test`): each owns its
    /// own children and stops them in order. Native descendants (sim hosts) are left to their owner; a
    /// signal straight to them would look like a crash to the test still running.
    /// </summary>
    private static List<StartedProcess> SignalDescendants(int pid, TimeSpan grace)
    {
        var signalled = new List<StartedProcess>();
        if (grace > TimeSpan.Zero)
        {
            foreach (var descendant in ProcessTree.Descendants(pid).Where(IsDotnet))
            {
                if (ProcessIdentity.StartOf(descendant) is { } start && ProcessSignals.Send(descendant, ProcessSignals.SigInt))
                {
                    signalled.Add(new StartedProcess(descendant, start, ProcessIdentity.NameOf(descendant) ?? "?"));
                }
            }
        }

        return signalled;
    }

    private static StartedProcess[] Copy(List<StartedProcess> signalled)
    {
        lock (signalled)
        {
            return [.. signalled];
        }
    }

    private static bool IsDotnet(int pid) =>
        ProcessIdentity.NameOf(pid) is { } name && (name == "dotnet" || name.StartsWith("testhost", StringComparison.Ordinal));

    private static Command Build(ProcessCommand command, StringBuilder stdout, StringBuilder stderr)
    {
        var cli = Cli.Wrap(command.Program)
            .WithArguments(command.Arguments)
            .WithValidation(CommandResultValidation.None)
            .WithStandardOutputPipe(Pipe(stdout, command.OnOutputLine))
            .WithStandardErrorPipe(Pipe(stderr, command.OnErrorLine));
        if (command.WorkingDirectory is not null)
        {
            cli = cli.WithWorkingDirectory(command.WorkingDirectory);
        }

        // Every child learns who started it, so a harness child stops when this process dies (ParentWatch).
        var environment = new Dictionary<string, string?>(command.Environment, StringComparer.Ordinal)
        {
            [ParentWatch.Variable] = ParentWatch.ForChildren(),
        };
        cli = cli.WithEnvironmentVariables(environment);

        if (command.StandardInput is not null)
        {
            cli = cli.WithStandardInputPipe(PipeSource.FromString(command.StandardInput));
        }

        return cli;
    }

    private static PipeTarget Pipe(StringBuilder sink, Action<string>? onLine)
    {
        var capture = PipeTarget.ToStringBuilder(sink);
        return onLine is null ? capture : PipeTarget.Merge(capture, PipeTarget.ToDelegate(onLine));
    }
}
