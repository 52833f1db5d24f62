using Hil.Foundation;
using Microsoft.Extensions.Time.Testing;

namespace Hil.Foundation.Tests;

public sealed class WaitsTests
{
    [Test]
    [CancelAfter(5_000)]
    public async Task A_wait_that_runs_out_names_what_it_waited_for_and_who_is_to_blame(CancellationToken ct)
    {
        var time = new FakeTimeProvider();
        var never = new TaskCompletionSource<int>().Task;
        var waiting = never.WithTimeout(TimeSpan.FromSeconds(5), "arrival of stimulus-a (1209:0001)", FaultKind.RigFault, time, ct);

        time.Advance(TimeSpan.FromSeconds(5));
        var ex = await Assert.ThrowsAsync<WaitTimeoutException>(async () => await waiting);

        Assert.That(ex!.Message, Is.EqualTo("timed out after 5 s waiting for arrival of stimulus-a (1209:0001)"));
        Assert.That(ex.Fault, Is.EqualTo(FaultKind.RigFault));
        Assert.That(ex.Tag, Is.EqualTo("rig-fault"));
    }

    [Test]
    [CancelAfter(5_000)]
    public async Task A_wait_that_completes_in_time_returns_the_value(CancellationToken ct)
    {
        var value = await Task.FromResult(42).WithTimeout(TimeSpan.FromSeconds(1), "the answer", FaultKind.HarnessError, new FakeTimeProvider(), ct);
        Assert.That(value, Is.EqualTo(42));
    }

    [Test]
    [CancelAfter(5_000)]
    public void Cancelling_the_caller_is_a_cancellation_not_a_timeout(CancellationToken ct)
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var waiting = new TaskCompletionSource().Task.WithTimeout(TimeSpan.FromSeconds(1), "nothing", FaultKind.RigFault, new FakeTimeProvider(), cancel.Token);
        cancel.Cancel();
        Assert.That(async () => await waiting, Throws.InstanceOf<OperationCanceledException>());
    }

    [TestCase(250, "timed out after 250 ms waiting for x")]
    [TestCase(1500, "timed out after 1.5 s waiting for x")]
    public void Timeouts_read_in_the_unit_a_person_would_use(int ms, string expected) =>
        Assert.That(new WaitTimeoutException("x", TimeSpan.FromMilliseconds(ms), FaultKind.RigFault).Message, Is.EqualTo(expected));
}
