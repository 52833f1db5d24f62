using Hil.Latency.Recording;

namespace Hil.Latency.Tests;

public sealed class AccountingTests
{
    [Test]
    public void In_order_arrivals_account_for_every_message()
    {
        var a = new SequenceAccountant(5);
        foreach (var seq in new ulong[] { 0, 1, 2, 3, 4 })
        {
            Assert.That(a.Observe(seq), Is.EqualTo(Arrival.New));
        }

        Assert.That((a.Received, a.Missing, a.Duplicated, a.Reordered, a.Complete), Is.EqualTo((5L, 0L, 0L, 0L, true)));
    }

    [Test]
    public void Duplicates_reordering_and_loss_are_each_counted()
    {
        var a = new SequenceAccountant(6);
        var kinds = new ulong[] { 0, 2, 1, 2, 5, 5 }.Select(a.Observe).ToList();
        Assert.That(kinds, Is.EqualTo(new[] { Arrival.New, Arrival.New, Arrival.OutOfOrder, Arrival.Duplicate, Arrival.New, Arrival.Duplicate }));
        Assert.Multiple(() =>
        {
            Assert.That(a.Received, Is.EqualTo(4));
            Assert.That(a.Duplicated, Is.EqualTo(2));
            Assert.That(a.Reordered, Is.EqualTo(1));
            Assert.That(a.Missing, Is.EqualTo(2));
            Assert.That(a.MissingSeqs(10), Is.EqualTo(new long[] { 3, 4 }));
            Assert.That(a.Complete, Is.False);
        });
    }

    [Test]
    public void A_seq_outside_the_burst_is_unexpected_not_received()
    {
        var a = new SequenceAccountant(2);
        Assert.That(a.Observe(7), Is.EqualTo(Arrival.Unexpected));
        Assert.That((a.Unexpected, a.Received), Is.EqualTo((1L, 0L)));
    }

    [Test]
    public void Unexplained_loss_is_loss_the_driver_did_not_count()
    {
        var accounting = new Hil.Latency.Files.Accounting(Sent: 100, Received: 90, Lost: 10, Duplicated: 0, Reordered: 0, WarmupDiscarded: 0, RingOverflow: 3, DriverDropped: 5, Unexpected: 0);
        Assert.That(accounting.UnexplainedLoss, Is.EqualTo(2));
    }
}
