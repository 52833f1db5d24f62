using CliWrap;
using CliWrap.Buffered;
using Hil.Foundation;

namespace Hil.Dext.MacOS;

/// <summary>Runs one macOS tool (systemextensionsctl, ioreg) and returns its stdout; a failure names the command line.</summary>
internal static class CliRun
{
    public static async Task<string> StdoutAsync(Command command, CancellationToken cancellationToken)
    {
        BufferedCommandResult result;
        try
        {
            result = await command.WithValidation(CommandResultValidation.None)
                .ExecuteBufferedAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InfrastructureException($"cannot start `{Describe(command)}`: {e.Message}", e);
        }

        if (result.ExitCode != 0)
        {
            throw new InfrastructureException(
                $"`{Describe(command)}` exited with {result.ExitCode}: {result.StandardError.Trim()}");
        }

        return result.StandardOutput;
    }

    public static string Describe(Command command) => $"{command.TargetFilePath} {command.Arguments}".TrimEnd();
}
