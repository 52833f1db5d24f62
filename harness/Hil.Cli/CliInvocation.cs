using System.CommandLine;
using Hil.Foundation;

namespace Hil.Cli;

/// <summary>
/// One place that turns outcomes into the exit codes CI relies on: 0 ok, 1 a test or gate
/// failure, 2 a usage or rig error (a busy or faulty rig), 4 the rig offline (its health suite
/// failed, so the product was not judged). Parse errors exit 2 (System.CommandLine's own default is 1).
/// </summary>
internal static class CliInvocation
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int UsageOrRigError = 2;
    public const int RigOffline = 4;

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

        try
        {
            return await parsed.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false })
                .ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            await Console.Error.WriteLineAsync("hil: cancelled").ConfigureAwait(false);
            return 130;
        }
        catch (HilException ex)
        {
            await Console.Error.WriteLineAsync($"hil: [{ex.Tag}] {ex.Message}").ConfigureAwait(false);
            return ExitCodeFor(ex.Fault);
        }
    }

    public static int ExitCodeFor(FaultKind fault) => fault switch
    {
        FaultKind.ProductDefect or FaultKind.LatencyRegression => Failed,
        _ => UsageOrRigError,
    };
}
