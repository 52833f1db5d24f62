using System.Collections.Immutable;

namespace Hil.Foundation.Processes;

/// <summary>
/// One child process to run: an immutable description in the manner of CliWrap's Command,
/// so callers build it with <c>with</c> and <see cref="ProcessRunner"/> is the one place that
/// starts, waits for and kills processes. Every run has a timeout and names what it waits for.
/// </summary>
public sealed record ProcessCommand(string Program, IReadOnlyList<string> Arguments)
{
    /// <summary>How long the process may run before it (and its children) are killed.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>What a timeout names; by default the command line.</summary>
    public string? WaitedFor { get; init; }

    /// <summary>Who is to blame when the process outlives <see cref="Timeout"/>.</summary>
    public FaultKind TimeoutFault { get; init; } = FaultKind.InfrastructureFault;

    /// <summary>
    /// After a timeout or cancellation the process gets SIGINT and this long to end on its own
    /// before its whole tree is killed; zero kills at once.
    /// </summary>
    public TimeSpan GracePeriod { get; init; } = TimeSpan.Zero;

    public string? WorkingDirectory { get; init; }

    /// <summary>Variables set (or, with a null value, removed) in the child's environment.</summary>
    public IReadOnlyDictionary<string, string?> Environment { get; init; } = ImmutableDictionary<string, string?>.Empty;

    /// <summary>Text written to the child's standard input, then closed; null leaves it empty.</summary>
    public string? StandardInput { get; init; }

    /// <summary>Called with each line of standard output as it arrives (it is captured as well).</summary>
    public Action<string>? OnOutputLine { get; init; }

    /// <summary>Called with each line of standard error as it arrives (it is captured as well).</summary>
    public Action<string>? OnErrorLine { get; init; }

    /// <summary>Hint appended when the program cannot be started, e.g. how to build or install it.</summary>
    public string? MissingHint { get; init; }

    public ProcessCommand(string program, params string[] arguments)
        : this(program, (IReadOnlyList<string>)arguments)
    {
    }

    /// <summary>The command line as a person would type it, for messages.</summary>
    public string CommandLine =>
        Arguments.Count == 0 ? Program : $"{Program} {string.Join(' ', Arguments.Select(Quote))}";

    internal string TimeoutSubject => WaitedFor ?? $"`{CommandLine}` to finish";

    private static string Quote(string arg) =>
        arg.Length > 0 && !arg.Any(c => char.IsWhiteSpace(c) || c is '"' or '\'') ? arg : $"'{arg.Replace("'", "'\\''", StringComparison.Ordinal)}'";
}

/// <summary>How a child process ended: its exit code and everything it printed.</summary>
public sealed record ProcessOutcome(ProcessCommand Command, int ExitCode, string StandardOutput, string StandardError, TimeSpan Elapsed)
{
    public bool Succeeded => ExitCode == 0;

    /// <summary>This outcome if the process exited 0; otherwise an error of <paramref name="fault"/>'s type naming the command line, exit code and stderr.</summary>
    public ProcessOutcome EnsureSuccess(FaultKind fault = FaultKind.InfrastructureFault)
    {
        if (Succeeded)
        {
            return this;
        }

        var stderr = StandardError.Trim();
        var detail = stderr.Length == 0 ? "(nothing on stderr)" : stderr.Length > 2000 ? stderr[..2000] + " …" : stderr;
        throw HilException.For(fault, $"`{Command.CommandLine}` exited with {ExitCode}: {detail}");
    }
}
