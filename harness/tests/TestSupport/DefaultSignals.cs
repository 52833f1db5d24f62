namespace Hil.TestSupport;

/// <summary>
/// A child whose reaction to SIGINT a test checks must have SIGINT's default disposition. A shell
/// without job control (a CI script, `cmd &`) starts its background commands with SIGINT ignored,
/// an ignored signal stays ignored across fork and exec, and a POSIX shell cannot even trap it
/// again: `./hil test` started that way failed the SIGINT tests, not the harness. So such children
/// are started through env(1) with SIGINT's default restored (GNU coreutils 8.31+; BSD env on
/// macOS has no such option, and there the command is run as it is).
/// </summary>
public static class DefaultSignals
{
    /// <summary>The program and arguments that run <paramref name="program"/> with SIGINT's default action.</summary>
    public static (string Program, string[] Arguments) Command(string program, IEnumerable<string> arguments) =>
        OperatingSystem.IsLinux() ? ("env", ["--default-signal=INT", program, .. arguments]) : (program, [.. arguments]);
}
