using Hil.Latency.Files;
using Hil.Latency.Recording;
using Hil.UserClients.Probe;
using Hil.UserClients.Rings;

namespace Hil.Latency.Measurement;

/// <summary>
/// Turns drained records into accounting and latencies with no allocation per record: every
/// paced record is accounted by seq; only first arrivals past the warm-up are recorded (a
/// duplicate's latency would count one message twice).
/// </summary>
internal struct RecordSink(SequenceAccountant accountant, LatencyRecorder recorder, long warmup, LoadMode mode) : IRecordSink
{
    public long Injected { get; private set; }

    public long WarmupSeen { get; private set; }

    public void OnRecord(in ProbeRecord record)
    {
        if ((record.Flags & RecordFlags.Injected) != 0)
        {
            Injected++;
            return;
        }

        var arrival = accountant.Observe(record.Seq);
        if (arrival is not (Arrival.New or Arrival.OutOfOrder))
        {
            return;
        }

        if ((long)record.Seq < warmup)
        {
            WarmupSeen++;
            return;
        }

        // Closed loop has no schedule worth the name: its figure is service latency.
        recorder.Record(mode == LoadMode.OpenLoop ? record.OpenLoopLatencyNs : record.ServiceLatencyNs);
    }
}
