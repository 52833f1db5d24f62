using Hil.Foundation;
using Hil.UserClients.Probe;
using Hil.UserClients.Wire;

namespace Hil.UserClients.Tests.Probe;

public sealed class ProbeFormatTests
{
    [Test]
    public void Message_encodes_the_protocol_layout_and_round_trips()
    {
        var m = new ProbeMessage(0x0102, 0x0304, 0x0506, [0xAA, 0xBB]);
        var b = new byte[ProbeMessage.MaxEncodedSize];
        Assert.That(m.Encode(b), Is.EqualTo(30));
        Assert.That(b[..30], Is.EqualTo(new byte[] { 2, 1, 0, 0, 0, 0, 0, 0, 4, 3, 0, 0, 0, 0, 0, 0, 6, 5, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0xAA, 0xBB }));
        var back = ProbeMessage.Decode(b.AsSpan(0, 30));
        var report = new byte[64];
        Assert.That((back.Seq, back.TSchedNs, back.TSendNs, report[..back.CopyReport(report)]), Is.EqualTo((0x0102ul, 0x0304ul, 0x0506ul, new byte[] { 0xAA, 0xBB })));
    }

    [TestCase(27, 27, "header")]
    [TestCase(28 + 65, 24, "report_len")]
    [TestCase(31, 28, "report bytes")]
    public void Message_decode_rejects_padding_truncation_and_long_reports(int length, int offset, string field)
    {
        var b = new byte[length];
        b[24] = length == 31 ? (byte)2 : (byte)(length - 28);
        var ex = Assert.Throws<WireFormatException>(() => ProbeMessage.Decode(b));
        Assert.That((ex.Offset, ex.Field), Is.EqualTo((offset, field)));
        Assert.That(ex.Message, Does.StartWith("malformed message"));
    }

    [Test]
    public void Completion_args_and_message_bytes_agree_for_every_report_length()
    {
        var args = new ulong[16];
        var viaArgs = new byte[ProbeMessage.MaxEncodedSize];
        var direct = new byte[ProbeMessage.MaxEncodedSize];
        for (var len = 0; len <= 64; len++)
        {
            var m = new ProbeMessage((ulong)len, 7, 9, [.. Enumerable.Range(1, len).Select(i => (byte)(i * 3))]);
            var n = m.ToCompletionArgs(args);
            Assert.That(n, Is.EqualTo(4 + ((len + 7) / 8)));
            Assert.That(viaArgs[..ProbeMessage.EncodeFromCompletion(args.AsSpan(0, n), viaArgs)], Is.EqualTo(direct[..m.Encode(direct)]), $"report_len {len}");
        }
    }

    [Test]
    public void Completion_args_with_the_wrong_word_count_are_refused()
    {
        var ex = Assert.Throws<WireFormatException>(() => ProbeMessage.EncodeFromCompletion([1, 2, 3, 9, 0], new byte[92]));
        Assert.That(ex.Message, Does.Contain("2 for report_len 9").And.StartWith("malformed completion"));
        Assert.That(() => ProbeMessage.EncodeFromCompletion([1, 2], new byte[92]), Throws.TypeOf<WireFormatException>().With.Message.Contains(">= 4"));
    }

    [Test]
    public void Record_round_trips_and_rejects_unknown_topology_and_flags()
    {
        var r = new ProbeRecord(1, 100, 150, 400, Topology.SharedRing, RecordFlags.Duplicate | RecordFlags.OutOfOrder);
        var b = new byte[ProbeRecord.Size];
        r.Encode(b);
        Assert.That(ProbeRecord.Decode(b), Is.EqualTo(r));
        Assert.That((r.OpenLoopLatencyNs, r.ServiceLatencyNs), Is.EqualTo((300L, 250L)));
        b[32] = 3;
        Assert.That(() => ProbeRecord.Decode(b), Throws.TypeOf<WireFormatException>().With.Property("Offset").EqualTo(32));
        b[32] = 0;
        b[36] = 8;
        Assert.That(() => ProbeRecord.Decode(b), Throws.TypeOf<WireFormatException>().With.Property("Offset").EqualTo(36));
    }

    [TestCase("app-relay", Topology.AppRelay)]
    [TestCase("one-process", Topology.OneProcess)]
    [TestCase("shared-ring", Topology.SharedRing)]
    public void Topology_names_parse_and_format_both_ways(string name, Topology topology)
    {
        Assert.That((TopologyNames.Parse(name, "--topology"), TopologyNames.Format(topology)), Is.EqualTo((topology, name)));
        Assert.That((int)topology, Is.EqualTo(TopologyNames.All.ToList().IndexOf(name)), "wire value = position in the canonical list");
    }

    [TestCase("App-Relay")]
    [TestCase("apprelay")]
    [TestCase("")]
    [TestCase(null)]
    public void Unknown_topology_names_say_where_and_what_is_allowed(string? name)
    {
        Assert.That(TopologyNames.TryParse(name, out _), Is.False);
        var ex = Assert.Throws<InputException>(() => TopologyNames.Parse(name, "rigs/sim.yaml line 4"));
        Assert.That(ex.Message, Does.StartWith("rigs/sim.yaml line 4").And.Contain("app-relay, one-process, shared-ring"));
    }
}
