using System.CommandLine;
using Hil.Foundation;

namespace Hil.Cli.Tests;

public sealed class CliInvocationTests
{
    [TestCase(FaultKind.ProductDefect, 1)]
    [TestCase(FaultKind.LatencyRegression, 1)]
    [TestCase(FaultKind.RigFault, 2)]
    [TestCase(FaultKind.InfrastructureFault, 2)]
    [TestCase(FaultKind.HarnessError, 2)]
    [TestCase(FaultKind.InputError, 2)]
    public void Failures_of_the_product_exit_1_and_of_the_rig_or_usage_exit_2(FaultKind fault, int exit) =>
        Assert.That(CliInvocation.ExitCodeFor(fault), Is.EqualTo(exit));

    [Test]
    [CancelAfter(5_000)]
    public async Task A_usage_error_exits_2(CancellationToken ct)
    {
        var root = new RootCommand("t") { new Command("verb", "v") };
        Assert.That(await CliInvocation.InvokeAsync(root, ["no-such-verb"]), Is.EqualTo(2));
    }

    [Test]
    [CancelAfter(5_000)]
    public async Task A_rig_fault_thrown_by_a_verb_exits_2(CancellationToken ct)
    {
        var verb = new Command("boom", "b");
        verb.SetAction(int (_) => throw new RigFaultException("relay1 vanished"));
        Assert.That(await CliInvocation.InvokeAsync(new RootCommand("t") { verb }, ["boom"]), Is.EqualTo(2));
    }

    [Test]
    [CancelAfter(5_000)]
    public async Task A_session_that_fails_to_shut_down_exits_2_naming_each_failure_not_134(CancellationToken ct)
    {
        var verb = new Command("boom", "b");
        verb.SetAction(int (_) => throw new AggregateException("rig 'r' session ended with 2 failure(s)",
            new RigFaultException("relay1 vanished"), new RigFaultException("closing switch relay2 failed")));
        Assert.That(await CliInvocation.InvokeAsync(new RootCommand("t") { verb }, ["boom"]), Is.EqualTo(2));
    }
}
