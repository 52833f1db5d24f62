using BenchmarkDotNet.Attributes;
using Hil.UserClients;
using Hil.UserClients.Probe;
using Hil.UserClients.Relay;

namespace Hil.Benchmarks.Micro;

/// <summary>
/// The app relay's own cost per message: completion args → encoded message →
/// ProbeDriverClient.TryDeliverMessage, against in-memory user clients that accept at once,
/// so what is timed is the harness's share of an app-relay hop, not the IPC.
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class RelayBenchmarks
{
    private const int Batch = 1024;
    private readonly ulong[] args = [0, 1_000, 2_000, 8, 0x0807060504030201];
    private AppRelay relay = null!;
    private InMemoryClient driver2 = null!;

    [GlobalSetup]
    public void Setup()
    {
        driver2 = new InMemoryClient("driver2");
        relay = new AppRelay(new ProbeDriverClient(new InMemoryClient("driver1")), new ProbeDriverClient(driver2));
        relay.Start();
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public long RelayPerMessage()
    {
        var handler = relay.Handler;
        for (var i = 0; i < Batch; i++)
        {
            args[0] = (ulong)i;
            handler(1, IOReturn.Success, args);
        }

        return driver2.Delivered;
    }

    /// <summary>Accepts every call with success and no outputs: the far side of the relay costs nothing.</summary>
    private sealed class InMemoryClient(string endpoint) : IUserClient
    {
        public string Endpoint { get; } = endpoint;

        public long Delivered { get; private set; }

        public CallResult Call(uint selector, ReadOnlySpan<ulong> scalarsIn, ReadOnlySpan<byte> structIn, Span<ulong> scalarsOut, Span<byte> structOut)
        {
            Delivered++;
            return new CallResult(IOReturn.Success, 0, 0);
        }

        public CallResult CallWithCompletion(uint selector, uint reference, AsyncCompletionHandler onCompletion, ReadOnlySpan<ulong> scalarsIn, ReadOnlySpan<byte> structIn, Span<ulong> scalarsOut, Span<byte> structOut) =>
            new(IOReturn.Success, 0, 0);

        public IMappedMemory Map(uint memoryType) => throw new NotSupportedException("the relay benchmark maps nothing");

        public void Dispose()
        {
        }
    }
}
