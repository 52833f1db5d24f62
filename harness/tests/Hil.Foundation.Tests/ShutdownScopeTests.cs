using Hil.Foundation.Processes;

namespace Hil.Foundation.Tests;

/// <summary>A failed shutdown never hides the error (or the cancellation) that ended the work.</summary>
public sealed class ShutdownScopeTests
{
    [Test]
    [CancelAfter(5_000)]
    public async Task The_works_error_wins_and_every_shutdown_failure_is_logged_beside_it(CancellationToken ct)
    {
        var log = new List<string>();
        var resource = new FailingShutdown(new AggregateException(new RigFaultException("the dext host did not stop"), new RigFaultException("the lock stayed")));

        var ex = await Assert.ThrowsAsync<ProductDefectException>(() =>
            ShutdownScope.RunAsync<int>(resource, () => throw new ProductDefectException("Driver2's user client hung"), log.Add));

        Assert.That(ex!.Message, Is.EqualTo("Driver2's user client hung"));
        Assert.That(resource.Disposed, Is.True);
        Assert.That(log, Is.EqualTo(new[]
        {
            "while shutting down after the error below: the dext host did not stop",
            "while shutting down after the error below: the lock stayed",
        }));
    }

    [Test]
    [CancelAfter(5_000)]
    public async Task A_cancelled_work_stays_cancelled_when_the_shutdown_fails(CancellationToken ct)
    {
        var log = new List<string>();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAsync<TaskCanceledException>(() =>
            ShutdownScope.RunAsync(new FailingShutdown(new TimeoutException("the sim host did not stop")), () => Task.FromCanceled<int>(cancelled.Token), log.Add));

        Assert.That(log, Is.EqualTo(new[] { "while shutting down after the error below: the sim host did not stop" }));
    }

    [Test]
    [CancelAfter(5_000)]
    public async Task After_work_that_succeeded_a_failed_shutdown_fails_the_caller(CancellationToken ct)
    {
        var resource = new FailingShutdown(new RigFaultException("the dext host did not stop"));

        var ex = await Assert.ThrowsAsync<RigFaultException>(() => ShutdownScope.RunAsync(resource, () => Task.FromResult(7), _ => Assert.Fail("nothing to log")));

        Assert.That(ex!.Message, Is.EqualTo("the dext host did not stop"));
    }

    [Test]
    [CancelAfter(5_000)]
    public async Task Work_and_shutdown_that_succeed_return_the_works_result(CancellationToken ct)
    {
        var resource = new FailingShutdown(null);

        Assert.That(await ShutdownScope.RunAsync(resource, () => Task.FromResult(7), _ => Assert.Fail("nothing to log")), Is.EqualTo(7));
        Assert.That(resource.Disposed, Is.True);
    }

    private sealed class FailingShutdown(Exception? failure) : IAsyncDisposable
    {
        public bool Disposed { get; private set; }

        public ValueTask DisposeAsync()
        {
            Disposed = true;
            return failure is null ? ValueTask.CompletedTask : ValueTask.FromException(failure);
        }
    }
}
