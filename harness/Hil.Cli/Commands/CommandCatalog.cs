using System.CommandLine;

namespace Hil.Cli.Commands;

/// <summary>Every top-level verb, in the order `hil --help` lists them.</summary>
internal static class CommandCatalog
{
    public static IEnumerable<Command> All()
    {
        yield return RunCommands.Create();
        yield return LatencyCommands.Create();
        yield return PowerCommands.Create();
        yield return RigCommands.Create();
        yield return BaselineCommands.Create();
        yield return GateCommands.Create();
        yield return CompareCommands.Create();
        yield return DextCommands.Create();
        yield return ReportCommands.Create();
        yield return DoctorCommands.Create();
        yield return FaultsCommands.Create();
    }
}
