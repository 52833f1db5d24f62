using System.CommandLine;
using Hil.Cli.Doctor;
using Hil.Foundation;
using Hil.Rigs;
using Spectre.Console;

namespace Hil.Cli.Commands;

/// <summary>`hil doctor [--rig FILE] [--json FILE|-]`: what is installed, what is missing, what a rig needs.</summary>
internal static class DoctorCommands
{
    public static Command Create()
    {
        var rigOption = new Option<FileInfo?>("--rig") { Description = "also check what this rig file needs" };
        var jsonOption = CliJson.Option("the checks");
        var command = new Command("doctor", "what is installed, what is missing, what a rig needs") { rigOption, jsonOption };
        command.SetAction(async (parse, ct) =>
        {
            var rigFile = parse.GetValue(rigOption);
            var rig = rigFile is null ? null : RigFile.Load(rigFile.FullName);
            var checks = DoctorChecks.Run(RepositoryRoot.Find(), rig, new HostProbe());
            if (rig is { Host: RigHost.MacOS } && OperatingSystem.IsMacOS())
            {
                checks = [.. checks, .. await MacDextChecks.RunAsync(rig, new HostProbe(), TimeProvider.System, ct).ConfigureAwait(false)];
            }

            var target = parse.GetValue(jsonOption);
            CliJson.KeepStdoutFor(target);
            CliJson.Write(target, checks);
            Print(checks);

            return checks.All(c => c.Present) ? CliInvocation.Ok : CliInvocation.UsageOrRigError;
        });
        return command;
    }

    private static void Print(IReadOnlyList<DoctorCheck> checks)
    {
        var table = new Table().AddColumns("area", "what", "", "detail", "to fix");
        foreach (var c in checks)
        {
            table.AddRow(Markup.Escape(c.Area), Markup.Escape(c.What), c.Present ? "[green]ok[/]" : "[red]missing[/]",
                Markup.Escape(c.Detail), Markup.Escape(c.Fix ?? string.Empty));
        }

        AnsiConsole.Write(table);
    }
}
