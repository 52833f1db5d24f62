using Hil.Foundation;
using Hil.Rigs;
using Microsoft.Extensions.Time.Testing;

namespace Hil.Devices.Tests;

public sealed class DeviceEventHistoryTests
{
    private static readonly UsbIdentity A = new(0x1209, 0x0001, "HIL-A");
    private static readonly UsbIdentity B = new(0x1209, 0x0002, "HIL-B");
    private FakeTimeProvider _time = null!;

    [SetUp]
    public void FreshTime() => _time = new FakeTimeProvider();

    /// <summary>Events already recorded, what is waited for from when, and the stamp of the event that answers.</summary>
    public static IEnumerable<TestCaseData> RecordedBeforeTheWait()
    {
        yield return new TestCaseData(new[] { Arrived(A, 200) }, DeviceEventKind.Arrived, 100L, 200L)
            .SetName("An event recorded before the wait started is returned");
        yield return new TestCaseData(new[] { Arrived(A, 100), Removed(A, 150), Arrived(A, 300), Arrived(A, 400) }, DeviceEventKind.Arrived, 200L, 300L)
            .SetName("Events before the given time are skipped and the first after is taken");
        yield return new TestCaseData(new[] { Removed(A, 500) }, DeviceEventKind.Removed, 500L, 500L)
            .SetName("An event stamped exactly at the given time counts");
    }

    [TestCaseSource(nameof(RecordedBeforeTheWait))]
    [CancelAfter(10_000)]
    public async Task A_recorded_event_answers_a_later_wait(DeviceEvent[] recorded, DeviceEventKind kind, long afterNs, long expectedNs, CancellationToken cancellationToken)
    {
        var history = new DeviceEventHistory(_time);
        foreach (var e in recorded)
        {
            history.Record(e);
        }

        var answer = await history.WaitAsync(kind, A, afterNs, TimeSpan.FromSeconds(1), cancellationToken);

        Assert.That((answer.Kind, answer.TimestampNs), Is.EqualTo((kind, expectedNs)));
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task CompletesWhenTheEventComesLater(CancellationToken cancellationToken)
    {
        var history = new DeviceEventHistory(_time);
        var wait = history.WaitAsync(DeviceEventKind.Arrived, A, 100, TimeSpan.FromSeconds(5), cancellationToken);
        history.Record(Arrived(B, 150));
        Assert.That(wait.IsCompleted, Is.False, "another device's arrival does not count");

        history.Record(Arrived(A, 160));

        Assert.That((await wait).Usb, Is.EqualTo(A));
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task TimeoutNamesKindDeviceAndTime(CancellationToken cancellationToken)
    {
        var history = new DeviceEventHistory(_time);
        var wait = history.WaitAsync(DeviceEventKind.Arrived, A, 42, TimeSpan.FromSeconds(5), cancellationToken);

        _time.Advance(TimeSpan.FromSeconds(5));

        var e = await Assert.ThrowsAsync<WaitTimeoutException>(() => wait);
        Assert.That(e!.Message, Is.EqualTo("timed out after 5 s waiting for arrival of 1209:0001 (HIL-A) at or after t=42 ns"));
        Assert.That(e.Fault, Is.EqualTo(FaultKind.RigFault));
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task ANamelessWaitMatchesAnySerialANamedOneOnlyItsOwn(CancellationToken cancellationToken)
    {
        var history = new DeviceEventHistory(_time);
        history.Record(Arrived(A with { Serial = "OTHER" }, 10));

        var any = await history.WaitAsync(DeviceEventKind.Arrived, A with { Serial = null }, 0, TimeSpan.FromSeconds(1), cancellationToken);
        var named = history.WaitAsync(DeviceEventKind.Arrived, A, 0, TimeSpan.FromSeconds(1), cancellationToken);

        Assert.That(any.Usb.Serial, Is.EqualTo("OTHER"));
        Assert.That(named.IsCompleted, Is.False);
        _time.Advance(TimeSpan.FromSeconds(1));
        await Assert.ThrowsAsync<WaitTimeoutException>(() => named);
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task CallerCancellationIsNotATimeout(CancellationToken cancellationToken)
    {
        var history = new DeviceEventHistory(_time);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var wait = history.WaitAsync(DeviceEventKind.Arrived, A, 0, TimeSpan.FromSeconds(5), cts.Token);

        await cts.CancelAsync();

        await Assert.ThrowsAsync<TaskCanceledException>(() => wait);
    }

    [Test]
    public void PresentFollowsArrivalsRemovalsAndSeeds()
    {
        var history = new DeviceEventHistory(_time);
        history.SeedPresent(B);
        history.Record(Arrived(A, 1));
        Assert.That(history.Present, Is.EquivalentTo(new[] { A, B }));

        history.Record(Removed(A, 2));

        Assert.That(history.Present, Is.EqualTo(new[] { B }));
        Assert.That(history.Events, Has.Count.EqualTo(2), "a seeded device did not arrive");
    }

    private static DeviceEvent Arrived(UsbIdentity usb, long ns) => new(DeviceEventKind.Arrived, usb, ns, "test");

    private static DeviceEvent Removed(UsbIdentity usb, long ns) => new(DeviceEventKind.Removed, usb, ns, "test");
}
