using System.Globalization;
using Hil.Foundation;
using Hil.Latency.Files;
using Hil.Latency.Recording;
using Hil.UserClients.Probe;
using Hil.UserClients.Rings;

namespace Hil.Latency.Measurement;

/// <summary>
/// Drains the record ring while the burst runs, every millisecond (the ring holds 2^18
/// records, so polling slowly keeps a core free for the drivers on a 2-core host), until every
/// message is accounted for: received, or counted dropped by Driver1, or counted as a record
/// ring overflow. Stops waiting a settle time after Driver1 finished if records stay missing
/// (the caller then names the loss), and gives up at the schedule's end plus slack with an
/// error naming what is missing.
/// </summary>
internal static class BurstDrain
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(1);
    private static readonly TimeSpan CounterPoll = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(2);

    public static async Task<(RecordSink Sink, ProbeCounters Driver1)> RunAsync(
        RecordRingReader reader, ProbeDriverClient driver1, SequenceAccountant accountant, RecordSink sink,
        MeasurementPlan plan, TimeProvider time, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var limit = plan.ScheduleLength + plan.DrainSlack;
        var lastCounters = started;
        long? finishedAt = null;
        var c1 = default(ProbeCounters);
        while (true)
        {
            reader.Drain(ref sink);
            if (accountant.Complete)
            {
                return (sink, driver1.ReadCounters());
            }

            if (time.GetElapsedTime(lastCounters) >= CounterPoll || finishedAt is not null)
            {
                c1 = driver1.ReadCounters();
                lastCounters = time.GetTimestamp();
                if (!c1.BurstActive && (long)c1.Sent >= plan.Total)
                {
                    finishedAt ??= lastCounters;
                    if (accountant.Received + (long)c1.Dropped + (long)reader.Overflow >= plan.Total || time.GetElapsedTime(finishedAt.Value) >= Settle)
                    {
                        reader.Drain(ref sink);
                        return (sink, c1);
                    }
                }
            }

            if (time.GetElapsedTime(started) > limit)
            {
                throw new WaitTimeoutException(Missing(accountant, c1), limit, FaultKind.ProductDefect);
            }

            await Task.Delay(Poll, time, cancellationToken).ConfigureAwait(false);
        }
    }

    private static string Missing(SequenceAccountant a, ProbeCounters c1) => string.Create(
        CultureInfo.InvariantCulture,
        $"records of all {a.Expected} messages: received {a.Received}, missing {a.Missing} (first missing seqs {string.Join(", ", a.MissingSeqs(5))}); Driver1 sent {c1.Sent}, dropped {c1.Dropped}, burst active {c1.BurstActive}");
}

/// <summary>Settles a burst's books: sent = received + lost, and fails on loss nobody counted.</summary>
internal static class BurstAccounting
{
    public static Accounting Settle(MeasurementPlan plan, SequenceAccountant a, RecordSink sink, ProbeCounters c1, ProbeCounters c2, ulong overflow, string topology)
    {
        var sent = (long)c1.Sent;
        var accounting = new Accounting(
            sent, a.Received, sent - a.Received, a.Duplicated, a.Reordered, sink.WarmupSeen,
            (long)Math.Max(overflow, c2.RingOverflow), (long)c1.Dropped, a.Unexpected);
        if (sent != plan.Total)
        {
            throw new ProductDefectException(string.Create(CultureInfo.InvariantCulture,
                $"{topology}: Driver1 sent {sent} messages for a burst of {plan.Total} ({plan.Samples} + {plan.Warmup} warm-up); last seq {c1.LastSeq}, received {a.Received}, unexpected seqs {a.Unexpected}, duplicated {a.Duplicated}; Driver2 delivered {c2.Delivered}"));
        }

        if (accounting.UnexplainedLoss > 0 || a.Unexpected > 0)
        {
            throw new ProductDefectException(string.Create(CultureInfo.InvariantCulture,
                $"{topology}: {accounting.UnexplainedLoss} of {sent} messages lost without the driver counting them: sent {sent} = received {a.Received} + lost {accounting.Lost}; Driver1 dropped {c1.Dropped}, record ring overflow {accounting.RingOverflow}, duplicated {a.Duplicated}, reordered {a.Reordered}, unexpected seqs {a.Unexpected}; Driver2 delivered {c2.Delivered}; first missing seqs {string.Join(", ", a.MissingSeqs(5))}"));
        }

        return accounting;
    }

    public static IEnumerable<Statistics.LatencyWarning> Warnings(MeasurementPlan plan, Accounting accounting)
    {
        if (accounting.Lost > 0)
        {
            yield return new("loss", string.Create(CultureInfo.InvariantCulture, $"{accounting.Lost} of {accounting.Sent} messages lost, all counted by the drivers (dropped {accounting.DriverDropped}, record ring overflow {accounting.RingOverflow})"));
        }

        if (accounting.WarmupDiscarded < plan.Warmup)
        {
            yield return new(Statistics.LatencyWarning.WarmupShort, string.Create(CultureInfo.InvariantCulture, $"only {accounting.WarmupDiscarded} of {plan.Warmup} warm-up messages arrived"));
        }
    }
}
