using Hil.Foundation;
using Hil.Foundation.Processes;

namespace Hil.Power;

/// <summary>
/// Runs one hub tool through <see cref="ProcessRunner"/>: a tool that outlives its timeout is a
/// rig fault (the hub stopped answering), a missing tool an infrastructure fault.
/// </summary>
internal sealed class ToolRunner(string tool, TimeProvider time, TimeSpan timeout)
{
    public string Tool => tool;

    public Task<ProcessOutcome> RunAsync(IReadOnlyList<string> args, string waitedFor, CancellationToken cancellationToken) =>
        ProcessRunner.RunAsync(Command(tool, args, timeout) with { WaitedFor = waitedFor, TimeoutFault = FaultKind.RigFault }, time, cancellationToken);

    public string CommandLine(IReadOnlyList<string> args) => Command(tool, args, timeout).CommandLine;

    /// <summary>A hub tool's command: exit codes are read by the caller, a missing tool says so.</summary>
    public static ProcessCommand Command(string tool, IReadOnlyList<string> args, TimeSpan timeout) =>
        new(tool, args) { Timeout = timeout, MissingHint = "is it installed and on PATH? (`hil doctor` says how to get it)" };

    /// <summary>What a tool printed, on one line, for errors.</summary>
    public static string Said(ProcessOutcome outcome) => Said(outcome.StandardOutput + outcome.StandardError);

    public static string Said(string output)
    {
        var text = output.Trim();
        return text.Length == 0 ? "(no output)" : text.ReplaceLineEndings(" | ");
    }
}
