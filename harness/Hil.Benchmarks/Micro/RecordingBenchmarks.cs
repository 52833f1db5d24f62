using BenchmarkDotNet.Attributes;
using Hil.Latency.Recording;

namespace Hil.Benchmarks.Micro;

/// <summary>
/// Cost of recording one latency (histogram + reservoir + edge windows): target ≤ 50 ns and
/// zero bytes allocated. One operation records 4096 values, a mix of typical and tail
/// latencies, so the branch predictor does not see one constant.
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class RecordingBenchmarks
{
    private const int Batch = 4096;
    private readonly long[] values = new long[Batch];
    private LatencyRecorder recorder = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        for (var i = 0; i < Batch; i++)
        {
            values[i] = (long)(40_000 * Math.Exp(0.6 * ((random.NextDouble() * 2) - 1))) + (i % 97 == 0 ? 5_000_000 : 0);
        }

        recorder = new LatencyRecorder();
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public void RecordPerSample()
    {
        var r = recorder;
        foreach (var v in values)
        {
            r.Record(v);
        }
    }
}
