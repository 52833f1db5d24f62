using Hil.Foundation;
using Hil.UserClients.Wire;

namespace Hil.UserClients.Tests.Wire;

public sealed class FrameCodecTests
{
    private readonly byte[] buffer = new byte[WireLimits.LengthPrefix + WireLimits.MaxFrameLength];

    [Test]
    public void Call_round_trips_every_field()
    {
        var n = FrameEncoder.EncodeCall(buffer, 7, 10, [1, ulong.MaxValue], [9, 8, 7]);
        var f = FrameDecoder.Decode(buffer.AsSpan(0, n));
        Assert.That(
            (f.Kind, f.Id, f.Selector, f.ScalarCount, f.Scalar(0), f.Scalar(1), f.Data.ToArray()),
            Is.EqualTo((FrameKind.Call, 7u, 10u, 2, 1ul, ulong.MaxValue, new byte[] { 9, 8, 7 })));
    }

    [Test]
    public void Call_bytes_match_the_protocol_layout()
    {
        var n = FrameEncoder.EncodeCall(buffer, 0x01020304, 5, [0x1122334455667788], [0xAA]);
        byte[] expected =
        [
            23, 0, 0, 0, 1, // length = kind + 4 + 4 + 1 + 8 + 4 + 1, kind call
            4, 3, 2, 1, 5, 0, 0, 0, 1,
            0x88, 0x77, 0x66, 0x55, 0x44, 0x33, 0x22, 0x11,
            1, 0, 0, 0, 0xAA,
        ];
        Assert.That(buffer.AsSpan(0, n).ToArray(), Is.EqualTo(expected));
    }

    [Test]
    public void CallAsync_round_trips_its_reference()
    {
        var n = FrameEncoder.EncodeCallAsync(buffer, 3, 9, 42, [], []);
        var f = FrameDecoder.Decode(buffer.AsSpan(0, n));
        Assert.That((f.Kind, f.Id, f.Selector, f.Reference, f.ScalarCount, f.Data.Length), Is.EqualTo((FrameKind.CallAsync, 3u, 9u, 42u, 0, 0)));
    }

    [Test]
    public void Reply_round_trips_status_scalars_and_struct()
    {
        ulong[] sixteen = [.. Enumerable.Range(0, 16).Select(i => (ulong)i * 3)];
        var data = new byte[WireLimits.MaxStructOut];
        data[^1] = 0x5A;
        var n = FrameEncoder.EncodeReply(buffer, 11, IOReturn.NotPermitted, sixteen, data);
        var f = FrameDecoder.Decode(buffer.AsSpan(0, n));
        var copied = new ulong[16];
        f.CopyScalars(copied);
        Assert.That((f.Kind, f.Id, f.Status, copied, f.Data.Length, f.Data[^1]), Is.EqualTo((FrameKind.Reply, 11u, IOReturn.NotPermitted, sixteen, 4096, (byte)0x5A)));
        Assert.That(n, Is.EqualTo(WireLimits.LengthPrefix + WireLimits.MaxHostFrameLength));
    }

    [Test]
    public void Async_map_and_open_round_trip()
    {
        var a = FrameDecoder.Decode(buffer.AsSpan(0, FrameEncoder.EncodeAsync(buffer, 5, IOReturn.Aborted, [1, 2, 3])));
        Assert.That((a.Kind, a.Reference, a.Status, a.ScalarCount, a.Scalar(2)), Is.EqualTo((FrameKind.Async, 5u, IOReturn.Aborted, 3, 3ul)));
        var m = FrameDecoder.Decode(buffer.AsSpan(0, FrameEncoder.EncodeMap(buffer, 6, 2)));
        Assert.That((m.Kind, m.Id, m.MemoryType), Is.EqualTo((FrameKind.Map, 6u, 2u)));
        var o = FrameDecoder.Decode(buffer.AsSpan(0, FrameEncoder.EncodeOpen(buffer, 1, 0, "tok"u8)));
        Assert.That((o.Kind, o.Id, o.OpenType, o.Data.ToArray()), Is.EqualTo((FrameKind.Open, 1u, 0u, "tok"u8.ToArray())));
    }

    private static IEnumerable<TestCaseData> Malformed()
    {
        yield return Case("three bytes", [1, 0, 0], 3, "frame header");
        yield return Case("length zero", [0, 0, 0, 0, 2], 0, "length");
        yield return Case("length past the bytes", [9, 0, 0, 0, 2, 0, 0], 0, "length");
        yield return Case("length over 1 MiB", [1, 0, 0x10, 0, 2], 0, "length");
        yield return Case("kind 0", [1, 0, 0, 0, 0], 4, "kind");
        yield return Case("kind 7", [1, 0, 0, 0, 7], 4, "kind");
        yield return Case("reply cut in its id", [3, 0, 0, 0, 2, 1, 0], 5, "id");
        yield return Case("17 scalars", [10, 0, 0, 0, 2, 1, 0, 0, 0, 0, 0, 0, 0, 17], 13, "nScalars");
        yield return Case("scalar cut short", [14, 0, 0, 0, 3, 1, 0, 0, 0, 0, 0, 0, 0, 1, 1, 2, 3, 4], 14, "nArgs x u64 (1)");
        yield return Case(
            "reply struct over 4096", [14, 0, 0, 0, 2, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0x01, 0x10, 0, 0], 14, "structLen");
        yield return Case(
            "struct overruns the frame", [16, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 5, 0, 0, 0, 1, 2], 18, "structLen bytes (5)");
        yield return Case("map with a trailing byte", [10, 0, 0, 0, 4, 1, 0, 0, 0, 1, 0, 0, 0, 0xFF], 13, "end of frame");
        yield return Case("open token cut short", [12, 0, 0, 0, 5, 1, 0, 0, 0, 0, 0, 0, 0, 4, 0, 0x61], 15, "token bytes");
    }

    [TestCaseSource(nameof(Malformed))]
    public void Malformed_frames_name_the_byte_and_what_was_expected(byte[] frame, int offset, string field)
    {
        var ex = Assert.Throws<WireFormatException>(() => FrameDecoder.Decode(frame));
        Assert.That((ex.Offset, ex.Field, ex.Fault), Is.EqualTo((offset, field, FaultKind.ProductDefect)));
        Assert.That(ex.Message, Does.Contain($"byte {offset}").And.Contain("expected"));
    }

    [Test]
    public void Encoder_refuses_seventeen_scalars_and_a_short_buffer()
    {
        var seventeen = new ulong[17];
        Assert.That(() => FrameEncoder.EncodeCall(buffer, 1, 1, seventeen, []), Throws.TypeOf<InputException>().With.Message.Contains("<= 16"));
        Assert.That(() => FrameEncoder.EncodeMap(new byte[12], 1, 1), Throws.TypeOf<InputException>().With.Message.Contains("needs 13 bytes"));
        Assert.That(
            () => FrameEncoder.EncodeReply(buffer, 1, IOReturn.Success, [], new byte[4097]),
            Throws.TypeOf<InputException>().With.Message.Contains("<= 4096"));
    }

    private static TestCaseData Case(string name, byte[] frame, int offset, string field) =>
        new TestCaseData(frame, offset, field).SetName($"Malformed: {name}");
}
