using System.CommandLine;
using Hil.Cli.Commands;
using Hil.TestSupport;

namespace Hil.Cli.Tests;

[NonParallelizable]
public sealed class BaselineListTests : TempFolderTest
{
    [Test]
    [CancelAfter(10_000)]
    public async Task An_empty_store_is_said_to_be_empty_and_exits_0(CancellationToken ct)
    {
        var store = Path.Combine(Dir, "baselines");
        var output = new StringWriter();
        var before = Console.Out;
        Console.SetOut(output);
        try
        {
            var exit = await CliInvocation.InvokeAsync(new RootCommand("t") { BaselineCommands.Create() }, ["baseline", "list", "--store", store]);
            Assert.That(exit, Is.EqualTo(CliInvocation.Ok));
        }
        finally
        {
            Console.SetOut(before);
        }

        Assert.That(output.ToString().Trim(), Is.EqualTo($"no baselines in {store}"));
    }
}
