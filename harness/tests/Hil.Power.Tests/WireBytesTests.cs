using System.Text;
using Hil.Rigs;
using Hil.Sim.Relays;
using Microsoft.Extensions.Time.Testing;

namespace Hil.Power.Tests;

/// <summary>The exact bytes each driver puts on the wire, checked against relays.md §2–§4 (usbrly: rigs/README.md's Devantech note).</summary>
[TestFixture]
public sealed class WireBytesTests
{
    [TestCase(1, true, new byte[] { 0xA0, 0x01, 0x01, 0xA2 })]
    [TestCase(1, false, new byte[] { 0xA0, 0x01, 0x00, 0xA1 })]
    [TestCase(2, true, new byte[] { 0xA0, 0x02, 0x01, 0xA3 })]
    [TestCase(2, false, new byte[] { 0xA0, 0x02, 0x00, 0xA2 })]
    [CancelAfter(10_000)]
    public async Task Lcus_frames_are_the_documented_A0_ch_op_sum(int channel, bool on, byte[] frame, CancellationToken ct)
    {
        var wire = await WrittenBySet("lcus", 2, channel, on, ct);
        Assert.That(wire, Is.EqualTo(frame.Append((byte)0xFF)), "the frame, then the FF status query that verifies it");
    }

    [TestCase(1, true, new byte[] { 0xFF, 0x01, 0x01 })]
    [TestCase(8, false, new byte[] { 0xFF, 0x08, 0x00 })]
    [CancelAfter(10_000)]
    public async Task Kmtronic_frames_are_FF_n_op_then_read_all(int channel, bool on, byte[] frame, CancellationToken ct)
    {
        var wire = await WrittenBySet("kmtronic", 8, channel, on, ct);
        Assert.That(wire, Is.EqualTo(frame.Concat(new byte[] { 0xFF, 0x09, 0x00 })));
    }

    [TestCase(0, true, "relay on 0\r")]
    [TestCase(7, false, "relay off 7\r")]
    [TestCase(10, true, "relay on A\r")]
    [TestCase(15, true, "relay on F\r")]
    [CancelAfter(10_000)]
    public async Task Numato_commands_are_text_with_CR_then_readall(int channel, bool on, string command, CancellationToken ct)
    {
        var wire = await WrittenBySet("numato", 16, channel, on, ct);
        Assert.That(Encoding.ASCII.GetString(wire), Is.EqualTo(command + "relay readall\r"));
    }

    [TestCase(1, true, 0x65)]
    [TestCase(8, true, 0x6C)]
    [TestCase(1, false, 0x6F)]
    [TestCase(8, false, 0x76)]
    [CancelAfter(10_000)]
    public async Task Usbrly_commands_are_one_byte_then_get_states(int channel, bool on, int command, CancellationToken ct)
    {
        var wire = await WrittenBySet("usbrly", 8, channel, on, ct);
        Assert.That(wire, Is.EqualTo(new byte[] { (byte)command, 0x5B }), "the relay command, then 5B that reads every relay back");
    }

    private static async Task<byte[]> WrittenBySet(string kind, int channels, int channel, bool on, CancellationToken ct)
    {
        var opener = new RecordingOpener(new SimRelayOpener());
        await using var power = await PowerSwitches.CreateAsync(TestRig.Spec(kind, channels), opener, new FakeTimeProvider(), ct);
        opener.Written.Clear();
        await power.SetAsync(channel, on, ct);
        return [.. opener.Written];
    }

    private sealed class RecordingOpener(IByteStreamOpener inner) : IByteStreamOpener
    {
        public List<byte> Written { get; } = [];

        public async Task<Stream> OpenAsync(PowerSwitchSpec spec, SerialLine line, CancellationToken cancellationToken) =>
            new Tap(await inner.OpenAsync(spec, line, cancellationToken), Written);
    }

    private sealed class Tap(Stream inner, List<byte> written) : PassThroughStream(inner)
    {
        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            lock (written)
            {
                written.AddRange(buffer.Span);
            }

            return base.WriteAsync(buffer, cancellationToken);
        }
    }
}
