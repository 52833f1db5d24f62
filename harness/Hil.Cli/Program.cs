using System.CommandLine;
using Hil.Cli.Commands;

namespace Hil.Cli;

internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var root = new RootCommand("hil: hardware-in-the-loop harness for DriverKit inter-driver topologies");
        foreach (var command in CommandCatalog.All())
        {
            root.Add(command);
        }

        return await CliInvocation.InvokeAsync(root, args).ConfigureAwait(false);
    }
}
