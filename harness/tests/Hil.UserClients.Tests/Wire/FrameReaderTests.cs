using Hil.UserClients.Wire;

namespace Hil.UserClients.Tests.Wire;

public sealed class FrameReaderTests
{
    [Test]
    public void Frames_trickling_in_one_byte_at_a_time_come_out_whole()
    {
        var stream = new TrickleStream(TwoFrames());
        var reader = new FrameReader(stream, WireLimits.MaxHostFrameLength);
        Assert.That(reader.TryNext(out var a), Is.True);
        Assert.That(FrameDecoder.Decode(a).Kind, Is.EqualTo(FrameKind.Async));
        Assert.That(reader.TryNext(out var b), Is.True);
        Assert.That(FrameDecoder.Decode(b).Id, Is.EqualTo(9u));
        Assert.That(reader.TryNext(out _), Is.False, "clean end between frames");
    }

    [Test]
    public void Several_frames_in_one_read_are_split()
    {
        var reader = new FrameReader(new MemoryStream(TwoFrames()), WireLimits.MaxHostFrameLength);
        Assert.That(reader.TryNext(out _) && reader.TryNext(out _), Is.True);
        Assert.That(reader.TryNext(out _), Is.False);
    }

    [Test]
    public void Stream_ending_inside_a_frame_is_a_wire_error()
    {
        var bytes = TwoFrames()[..^3];
        var reader = new FrameReader(new MemoryStream(bytes), WireLimits.MaxHostFrameLength);
        Assert.That(reader.TryNext(out _), Is.True);
        var ex = Assert.Throws<WireFormatException>(() => reader.TryNext(out _));
        Assert.That(ex.Message, Does.Contain("end of stream"));
    }

    [Test]
    public void Length_past_what_a_host_may_send_is_refused_before_reading_the_body()
    {
        byte[] bytes = [0xFF, 0xFF, 0, 0, 2];
        var reader = new FrameReader(new MemoryStream(bytes), WireLimits.MaxHostFrameLength);
        var ex = Assert.Throws<WireFormatException>(() => reader.TryNext(out _));
        Assert.That((ex.Offset, ex.Field), Is.EqualTo((0, "length")));
        Assert.That(ex.Message, Does.Contain($"1..{WireLimits.MaxHostFrameLength}"));
    }

    private static byte[] TwoFrames()
    {
        var b = new byte[200];
        var n = FrameEncoder.EncodeAsync(b, 1, IOReturn.Success, [1, 2]);
        n += FrameEncoder.EncodeReply(b.AsSpan(n), 9, IOReturn.Success, [5], [1, 2, 3]);
        return b[..n];
    }

    private sealed class TrickleStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, 1));
    }
}
