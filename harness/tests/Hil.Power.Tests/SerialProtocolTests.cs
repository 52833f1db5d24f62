using Hil.Foundation;
using Hil.Sim.Relays;
using Microsoft.Extensions.Time.Testing;

namespace Hil.Power.Tests;

/// <summary>Every serial protocol driver against its emulator in memory: the path the sim rig takes.</summary>
[TestFixture]
public sealed class SerialProtocolTests
{
    [TestCaseSource(typeof(TestRig), nameof(TestRig.SerialKinds))]
    [TestCase("numato", 16)]
    [TestCase("lcus", 4)]
    [TestCase("kmtronic", 4)]
    [CancelAfter(10_000)]
    public async Task Switches_each_channel_and_reads_it_back(string kind, int channels, CancellationToken ct)
    {
        await using var board = await TestRig.OpenSimAsync(kind, channels, ct);
        var (power, emulator, first) = (board.Power, board.Emulator, board.First);
        var changes = new List<(int, bool)>();
        emulator.ChannelChanged += (ch, on) => changes.Add((ch, on));

        Assert.That(power.CanReadBack, Is.True);
        for (var ch = first; ch < first + channels; ch++)
        {
            await power.SetAsync(ch, on: true, ct);
            Assert.That(emulator.IsOn(ch), Is.True, $"channel {ch} on");
            Assert.That(await power.ReadAsync(ch, ct), Is.True);
        }

        await power.SetAsync(first + 1, on: false, ct);
        Assert.Multiple(() =>
        {
            Assert.That(emulator.IsOn(first + 1), Is.False);
            Assert.That(emulator.IsOn(first), Is.True, "other channels keep their state");
            Assert.That(changes, Has.Count.EqualTo(channels + 1));
            Assert.That(changes[^1], Is.EqualTo((first + 1, false)));
        });
    }

    [TestCaseSource(typeof(TestRig), nameof(TestRig.SerialKinds))]
    [CancelAfter(10_000)]
    public async Task A_channel_the_board_does_not_have_is_an_input_error_naming_the_range(string kind, int channels, CancellationToken ct)
    {
        await using var board = await TestRig.OpenSimAsync(kind, channels, ct);
        foreach (var bad in new[] { board.First - 1, board.First + channels })
        {
            var e = await Assert.ThrowsAsync<InputException>(() => board.Power.SetAsync(bad, true, ct));
            Assert.That(e!.Message, Does.Contain($"channel {bad} does not exist").And.Contain("test-rig.yaml:7:5"));
        }
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task An_lcus_board_that_answers_no_query_is_write_only(CancellationToken ct)
    {
        var emulator = new LcusEmulator(2, answersQuery: false);
        var time = new FakeTimeProvider();
        var open = Task.Run(
            () => PowerSwitches.CreateAsync(TestRig.Spec("lcus", 2, port: "/dev/fake"), new FixedOpener(emulator.OpenHostStream()), time, ct), ct);
        while (!open.IsCompleted)
        {
            time.Advance(TimeSpan.FromMilliseconds(250));
            await Task.Delay(5, ct);
        }

        await using var power = await open;
        await power.SetAsync(2, on: true, ct);
        Assert.Multiple(async () =>
        {
            Assert.That(power.CanReadBack, Is.False);
            Assert.That(emulator.IsOn(2), Is.True);
            Assert.That(await power.ReadAsync(2, ct), Is.True, "the last state set, as the contract says");
        });
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task Kind_sim_is_the_numato_protocol_in_memory(CancellationToken ct)
    {
        var opener = new SimRelayOpener();
        await using var power = await PowerSwitches.CreateAsync(TestRig.Spec("sim", 8, port: null), opener, new FakeTimeProvider(), ct);
        await power.SetAsync(3, true, ct);
        Assert.That(opener.Emulators["relay1"].Kind, Is.EqualTo("numato"));
        Assert.That(opener.Emulators["relay1"].IsOn(3), Is.True);
    }

    private sealed class FixedOpener(Stream stream) : IByteStreamOpener
    {
        public Task<Stream> OpenAsync(Rigs.PowerSwitchSpec spec, SerialLine line, CancellationToken cancellationToken) =>
            Task.FromResult(stream);
    }
}
