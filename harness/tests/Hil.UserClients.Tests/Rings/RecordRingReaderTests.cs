using System.Runtime.InteropServices;
using Hil.UserClients.Probe;
using Hil.UserClients.Rings;
using Hil.UserClients.Tests.Fakes;
using Hil.UserClients.Wire;

namespace Hil.UserClients.Tests.Rings;

public sealed class RecordRingReaderTests
{
    [Test]
    public void Drains_across_the_wrap_in_order_and_frees_the_slots()
    {
        // Indices start just before a multiple of the capacity, so the drain crosses the wrap.
        var ring = new RecordRingWriter(capacity: 8, startIndex: 8 * 1000 + 5);
        using var memory = ring.Memory;
        var reader = new RecordRingReader(memory);
        var into = new ProbeRecord[16];
        ulong seq = 0;
        for (var round = 0; round < 5; round++)
        {
            for (var i = 0; i < 6; i++)
            {
                Assert.That(ring.TryWrite(Record(seq++)), Is.True);
            }

            Assert.That(reader.Pending, Is.EqualTo(6ul));
            Assert.That(reader.Drain(into), Is.EqualTo(6));
            Assert.That(into[..6].Select(r => r.Seq), Is.EqualTo(Enumerable.Range((round * 6), 6).Select(i => (ulong)i)));
            Assert.That(ring.Tail, Is.EqualTo(ring.Head), "tail released up to head");
        }

        Assert.That(into[5], Is.EqualTo(Record(29)));
    }

    [Test]
    public void Span_drain_takes_no_more_than_fits()
    {
        var ring = new RecordRingWriter(capacity: 4);
        using var memory = ring.Memory;
        var reader = new RecordRingReader(memory);
        for (ulong i = 0; i < 4; i++)
        {
            ring.TryWrite(Record(i));
        }

        Assert.That(ring.TryWrite(Record(9)), Is.False, "full ring never overwrites");
        var two = new ProbeRecord[2];
        Assert.That((reader.Drain(two), reader.Pending, two[1].Seq), Is.EqualTo((2, 2ul, 1ul)));
    }

    [Test]
    public void Sink_drain_sees_every_record_without_allocating()
    {
        var ring = new RecordRingWriter(capacity: 64);
        using var memory = ring.Memory;
        var reader = new RecordRingReader(memory);
        var sink = default(SumSink);
        for (ulong i = 0; i < 50; i++)
        {
            ring.TryWrite(Record(i));
        }

        reader.Drain(ref sink); // warm the JIT
        for (ulong i = 0; i < 60; i++)
        {
            ring.TryWrite(Record(i));
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        var n = reader.Drain(ref sink);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.That((n, allocated, sink.Count), Is.EqualTo((60L, 0L, 110)));
    }

    private static IEnumerable<TestCaseData> BadHeaders()
    {
        yield return new TestCaseData(0, 0x1234ul, "magic").SetName("Bad header: magic");
        yield return new TestCaseData(8, 2ul, "version").SetName("Bad header: version");
        yield return new TestCaseData(12, 96ul, "slot size").SetName("Bad header: slot size of a message ring");
        yield return new TestCaseData(16, 6ul, "capacity").SetName("Bad header: capacity not a power of two");
        yield return new TestCaseData(16, 1024ul, "capacity").SetName("Bad header: capacity past the mapping");
    }

    [TestCaseSource(nameof(BadHeaders))]
    public void A_bad_header_names_the_byte_and_what_was_expected(int offset, ulong value, string field)
    {
        var ring = new RecordRingWriter(capacity: 8);
        using var memory = ring.Memory;
        var b = memory.Bytes;
        if (offset is 8 or 12)
        {
            MemoryMarshal.Write(b[offset..], (uint)value);
        }
        else
        {
            MemoryMarshal.Write(b[offset..], value);
        }

        var ex = Assert.Throws<WireFormatException>(() => _ = new RecordRingReader(memory));
        Assert.That((ex.Offset, ex.Field), Is.EqualTo((offset, field)));
        Assert.That(ex.Message, Does.Contain("record ring /test-ring header").And.Contain("expected"));
    }

    [Test]
    public void A_head_more_than_capacity_ahead_is_a_corrupt_ring()
    {
        var ring = new RecordRingWriter(capacity: 8);
        using var memory = ring.Memory;
        var reader = new RecordRingReader(memory);
        MemoryMarshal.Write(memory.Bytes[RingLayout.HeadOffset..], 9ul);
        Assert.That(() => reader.Drain(new ProbeRecord[1]), Throws.TypeOf<WireFormatException>().With.Property("Field").EqualTo("head"));
    }

    [Test]
    public void Overflow_is_read_from_the_header()
    {
        var ring = new RecordRingWriter(capacity: 8);
        using var memory = ring.Memory;
        MemoryMarshal.Write(memory.Bytes[RingLayout.OverflowOffset..], 17ul);
        Assert.That(new RecordRingReader(memory).Overflow, Is.EqualTo(17ul));
    }

    private static ProbeRecord Record(ulong seq) =>
        new(seq, seq * 10, (seq * 10) + 1, (seq * 10) + 5, Topology.AppRelay, seq % 2 == 0 ? RecordFlags.None : RecordFlags.Injected);

    private struct SumSink : IRecordSink
    {
        public int Count;

        public void OnRecord(in ProbeRecord record) => Count++;
    }
}
