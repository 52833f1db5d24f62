using System.Globalization;
using Hil.UserClients.Probe;
using Hil.UserClients.Rings;

namespace Hil.UserClients.Tests.Integration;

internal static class BurstRecords
{
    /// <summary>Drains the ring until <paramref name="count"/> records arrived; the test's CancelAfter bounds the wait.</summary>
    public static List<ProbeRecord> Collect(RecordRingReader reader, int count, CancellationToken ct)
    {
        var all = new List<ProbeRecord>(count);
        var into = new ProbeRecord[256];
        while (all.Count < count)
        {
            var n = reader.Drain(into);
            all.AddRange(into.AsSpan(0, n));
            if (n == 0)
            {
                ct.WaitHandle.WaitOne(1);
                ct.ThrowIfCancellationRequested();
            }
        }

        return all;
    }

    /// <summary>Prints latency quantiles for the run's log; unit tests never assert timings.</summary>
    public static void Report(string what, IReadOnlyList<ProbeRecord> records)
    {
        var service = records.Select(r => r.ServiceLatencyNs).Order().ToArray();
        var open = records.Select(r => r.OpenLoopLatencyNs).Order().ToArray();
        TestContext.Out.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{what}: n={records.Count} service p50={Q(service, 0.5)} ns p99={Q(service, 0.99)} ns max={service[^1]} ns; " +
            $"open-loop p50={Q(open, 0.5)} ns p99={Q(open, 0.99)} ns"));
    }

    private static long Q(long[] sorted, double q) => sorted[(int)Math.Min(sorted.Length - 1, q * sorted.Length)];
}
