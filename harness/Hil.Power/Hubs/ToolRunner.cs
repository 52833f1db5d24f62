using System.ComponentModel;
using CliWrap;
using CliWrap.Buffered;
using Hil.Foundation;

namespace Hil.Power;

/// <summary>Runs a hub tool through CliWrap with a named timeout; a missing tool is an infrastructure fault.</summary>
internal sealed class ToolRunner(string tool, TimeProvider time, TimeSpan timeout)
{
    public string Tool => tool;

    public async Task<BufferedCommandResult> RunAsync(IReadOnlyList<string> args, string waitedFor, CancellationToken cancellationToken)
    {
        using var kill = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            return await Cli.Wrap(tool)
                .WithArguments(args)
                .WithValidation(CommandResultValidation.None)
                .ExecuteBufferedAsync(kill.Token)
                .Task
                .WithTimeout(timeout, waitedFor, FaultKind.RigFault, time, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (Win32Exception e)
        {
            throw new InfrastructureException($"cannot run {tool}: {e.Message}; is it installed and on PATH?", e);
        }
        finally
        {
            // CliWrap kills the process it started when its token fires: a timed-out tool does not linger.
            await kill.CancelAsync().ConfigureAwait(false);
        }
    }

    public static string CommandLine(string tool, IEnumerable<string> args) => $"{tool} {string.Join(' ', args)}";
}
