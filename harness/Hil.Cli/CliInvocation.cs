using System.CommandLine;
using Hil.Foundation;
using Hil.Foundation.Processes;

namespace Hil.Cli;

/// <summary>
/// One place that turns outcomes into the exit codes CI relies on: 0 ok, 1 a test or gate
/// failure, 2 a usage or rig error (a busy or faulty rig), 4 the rig offline (its health suite
/// failed, so the product was not judged), 130 after SIGINT, 143 after SIGTERM (or a dead parent).
/// Parse errors exit 2 (System.CommandLine's own default is 1).
/// </summary>
internal static class CliInvocation
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int UsageOrRigError = 2;
    public const int RigOffline = 4;

    /// <summary>A verb cancelled without a signal (its token, e.g. in a test); a signal gives 128 + its number.</summary>
    public const int Cancelled = 130;

    public static async Task<int> InvokeAsync(RootCommand root, string[] args)
    {
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                await Console.Error.WriteLineAsync($"hil: {error.Message}").ConfigureAwait(false);
            }

            await Console.Error.WriteLineAsync("hil: see 'hil --help'").ConfigureAwait(false);
            return UsageOrRigError;
        }

        // One way down: a signal or a dead parent cancels the verb's token and the verb unwinds in
        // order (sessions disposed, results written); the exit code then says which signal it was.
        using var cancel = new CancellationTokenSource();
        using var signals = TerminationSignals.Subscribe(TerminationSignals.Stage.Cancel, _ => cancel.Cancel(), replacesDefault: true);
        ParentWatch.StartFromEnvironment();
        int exit;
        try
        {
            exit = await parsed.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null }, cancel.Token)
                .ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            exit = Cancelled;
        }
        catch (HilException ex)
        {
            exit = await ReportAsync(ex).ConfigureAwait(false);
        }
        catch (AggregateException ex) when (ex.InnerExceptions.All(e => e is HilException))
        {
            // A session that failed to shut down: every failure named, never an unhandled crash (exit 134).
            var codes = new List<int>();
            foreach (var inner in ex.InnerExceptions.Cast<HilException>())
            {
                codes.Add(await ReportAsync(inner).ConfigureAwait(false));
            }

            exit = codes.Max();
        }

        if (TerminationSignals.Received is { } signal)
        {
            await Console.Error.WriteLineAsync($"hil: cancelled ({signal})").ConfigureAwait(false);
            return TerminationSignals.ExitCodeFor(signal);
        }

        if (exit == Cancelled)
        {
            await Console.Error.WriteLineAsync("hil: cancelled").ConfigureAwait(false);
        }

        return exit;
    }

    private static async Task<int> ReportAsync(HilException ex)
    {
        await Console.Error.WriteLineAsync($"hil: [{ex.Tag}] {ex.Message}").ConfigureAwait(false);
        return ExitCodeFor(ex.Fault);
    }

    public static int ExitCodeFor(FaultKind fault) => fault switch
    {
        FaultKind.ProductDefect or FaultKind.LatencyRegression => Failed,
        _ => UsageOrRigError,
    };
}
