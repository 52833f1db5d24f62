using Hil.Reporting.Contracts;

namespace Hil.Cli.Run;

/// <summary>What `hil run` was asked to do, with every path made absolute against the repository root.</summary>
internal sealed record RunOptions(string RepoRoot, string RigFile, string Suite, ResultsLayout Results, string ReportDir, string HistoryFile)
{
    /// <summary>
    /// The run config handed to the fixtures: the variables `hil run` was started with give the
    /// sizes it has no options for (RunConfigFile's precedence, step 2); its options give the rest.
    /// </summary>
    public RunConfig ConfigFrom(Func<string, string?> env) =>
        RunConfigFile.FromEnvironment(env) with { RigFile = RigFile, Suite = Suite, Results = Results };
}
