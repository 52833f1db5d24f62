using Hil.Foundation;
using Hil.Rigs;
using Hil.Session.Tests.Helper;

namespace Hil.Session.Tests;

public sealed class RigSessionTests : FakeSessionTests
{
    [Test]
    [CancelAfter(30_000)]
    public async Task Opening_builds_every_part_and_puts_every_channel_in_the_safe_state(CancellationToken ct)
    {
        await using var session = await OpenAsync(ct);

        Assert.That(session.Power.Keys, Is.EquivalentTo(new[] { "relay1", "relay2" }));
        Assert.That(Parts.Switches["relay1"].Calls, Is.EqualTo(new[] { (1, false), (2, false), (3, false), (4, false) }));
        Assert.That(Parts.Switches["relay2"].Calls, Is.EqualTo(new[] { (1, false), (2, false) }));
        Assert.That(session.Devices, Is.InstanceOf<FakeDeviceWatcher>());
        Assert.That(session.Dext, Is.InstanceOf<FakeDextHost>());
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task Opening_can_leave_the_switches_alone(CancellationToken ct)
    {
        await using var session = await OpenAsync(ct, tune: o => o with { ApplySafeStateOnOpen = false });

        Assert.That(Parts.Switches["relay1"].Calls, Is.Empty);
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task Power_helpers_switch_the_channel_a_device_or_switch_channel_names(CancellationToken ct)
    {
        await using var session = await OpenAsync(ct);

        await session.PowerOnAsync("stim", ct);
        Assert.That(Parts.Switches["relay1"].IsOn(3), Is.True);
        await session.PowerOnAsync("relay2/2", ct);
        Assert.That(Parts.Switches["relay2"].IsOn(2), Is.True);
        await session.PowerOffAsync("stim", ct);
        Assert.That(Parts.Switches["relay1"].IsOn(3), Is.False);
        Assert.That(session.Resolve("stim"), Is.EqualTo(new ChannelRef("relay1", 3)));
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task An_unknown_target_is_an_input_error_that_lists_the_devices(CancellationToken ct)
    {
        await using var session = await OpenAsync(ct);

        var ex = await Assert.ThrowsAsync<InputException>(() => session.PowerOnAsync("stimulus-z", ct));
        Assert.That(ex!.Message, Does.Contain("target 'stimulus-z' in rig 'unit-rig'").And.Contain("devices: stim"));
        var bad = await Assert.ThrowsAsync<InputException>(() => session.PowerOnAsync("relay1/5", ct));
        Assert.That(bad!.Message, Does.Contain("expected a channel 1..4 (as the lcus board numbers them) of switch relay1, got '5'"));
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task Disposal_closes_user_clients_then_the_dext_host_then_restores_power_then_releases_the_lock(CancellationToken ct)
    {
        var session = await OpenAsync(ct);
        session.Track(new FakeUserClient("uc-a", Parts.Journal.Enqueue));
        session.Track(new FakeUserClient("uc-b", Parts.Journal.Enqueue));
        await session.PowerOnAsync("stim", ct);
        Parts.Journal.Clear();

        await session.DisposeAsync();

        Assert.That(Parts.Journal, Is.EqualTo(new[]
        {
            "close uc-b", "close uc-a", "dispose dext",
            "relay1/1=off", "relay1/2=off", "relay1/3=off", "relay1/4=off", "relay2/1=off", "relay2/2=off",
            "dispose relay1", "dispose relay2", "dispose devices", "dispose factory",
        }));
        await AssertLockIsFreeAsync(ct);
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task Every_channel_is_tried_and_all_safe_state_failures_are_reported_together(CancellationToken ct)
    {
        var session = await OpenAsync(ct);
        await session.PowerOnAsync("relay1/1", ct);
        await session.PowerOnAsync("relay2/1", ct);
        Parts.Switches["relay1"].Failing.UnionWith([2, 4]);

        var ex = await Assert.ThrowsAsync<AggregateException>(async () => await session.DisposeAsync());

        Assert.That(ex!.InnerExceptions, Has.Count.EqualTo(2).And.All.InstanceOf<RigFaultException>());
        Assert.That(ex.InnerExceptions[0].Message, Does.Contain("safe state all-off of rig 'unit-rig': could not switch relay1/2 (lcus) off"));
        Assert.That(ex.InnerExceptions[1].Message, Does.Contain("relay1/4"));
        Assert.That(Parts.Switches["relay1"].IsOn(1), Is.False);
        Assert.That(Parts.Switches["relay2"].IsOn(1), Is.False);
        await AssertLockIsFreeAsync(ct);
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task A_channel_that_hangs_times_out_naming_it_and_the_others_still_switch(CancellationToken ct)
    {
        var session = await OpenAsync(ct, tune: o => o with { SafeStateChannelTimeout = TimeSpan.FromMilliseconds(50) });
        await session.PowerOnAsync("relay1/2", ct);
        Parts.Switches["relay1"].Hanging.Add(1);

        var ex = await Assert.ThrowsAsync<AggregateException>(async () => await session.DisposeAsync());

        Assert.That(ex!.InnerExceptions.Single().Message, Does.Contain("could not switch relay1/1 (lcus) off: timed out after 50 ms waiting for relay1/1 to switch off"));
        Assert.That(Parts.Switches["relay1"].IsOn(2), Is.False);
        await AssertLockIsFreeAsync(ct);
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task An_all_on_rig_is_left_with_every_channel_on(CancellationToken ct)
    {
        var session = await OpenAsync(ct, TestRigs.Full("all-on"));
        await session.PowerOffAsync("stim", ct);

        await session.DisposeAsync();

        Assert.That(Enumerable.Range(1, 4).Select(Parts.Switches["relay1"].IsOn), Has.All.True);
        Assert.That(Enumerable.Range(1, 2).Select(Parts.Switches["relay2"].IsOn), Has.All.True);
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task A_fixture_that_throws_inside_await_using_still_leaves_the_safe_state(CancellationToken ct)
    {
        async Task Fixture()
        {
            await using var session = await OpenAsync(ct);
            await session.PowerOnAsync("stim", ct);
            throw new InvalidOperationException("the fixture failed");
        }

        await Assert.ThrowsAsync<InvalidOperationException>(Fixture);
        Assert.That(Parts.Switches["relay1"].IsOn(3), Is.False);
        await AssertLockIsFreeAsync(ct);
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task Disposing_twice_shuts_down_once(CancellationToken ct)
    {
        var session = await OpenAsync(ct, TestRigs.PowerOnly());
        await session.DisposeAsync();
        var calls = Parts.Switches["relay1"].Calls.Count;

        await session.DisposeAsync();

        Assert.That(Parts.Switches["relay1"].Calls, Has.Count.EqualTo(calls));
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task A_part_that_cannot_be_built_fails_the_open_and_what_was_built_is_cleaned_up(CancellationToken ct)
    {
        var failing = new FakeParts { FailToCreate = "dext" };

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => OpenAsync(ct, parts: failing));

        Assert.That(ex!.Message, Is.EqualTo("fake refused to create dext"));
        Assert.That(failing.Journal, Does.Contain("dispose relay1").And.Contain("dispose devices").And.Contain("dispose factory"));
        await AssertLockIsFreeAsync(ct);
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task A_power_only_session_builds_no_watcher_or_dext_host_and_says_why(CancellationToken ct)
    {
        await using var powerOnly = await OpenAsync(ct, tune: o => o with { Parts = RigParts.Power });

        var ex = Assert.Throws<InputException>(() => _ = powerOnly.Dext);
        Assert.That(ex!.Message, Does.Contain("opened without RigParts.Dext"));
        await powerOnly.DisposeAsync();
        Assert.That(Parts.Journal, Does.Not.Contain("dispose dext").And.Not.Contain("dispose devices"));

        await using var minimal = await OpenAsync(ct, TestRigs.PowerOnly(), parts: new FakeParts());
        var none = Assert.Throws<InputException>(() => _ = minimal.Devices);
        Assert.That(none!.Message, Does.Contain("rig 'unit-power' (/rigs/unit-power.yaml) declares no devices"));
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task The_safe_state_can_be_restored_between_tests_without_ending_the_session(CancellationToken ct)
    {
        await using var session = await OpenAsync(ct);
        await session.PowerOnAsync("stim", ct);

        await session.RestoreSafeStateAsync(ct);

        Assert.That(Parts.Switches["relay1"].IsOn(3), Is.False);
        Assert.That(Parts.Switches["relay1"].Disposed, Is.False);
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task A_board_that_counts_from_zero_has_every_channel_from_zero_restored(CancellationToken ct)
    {
        var rig = RigFile.Parse("rig: zero\npower:\n  relay1: { kind: numato, port: sim, channels: 8 }\n", "/rigs/zero.yaml");
        var session = await OpenAsync(ct, rig);
        await session.PowerOnAsync("relay1/0", ct);
        await session.PowerOnAsync("relay1/7", ct);

        await session.DisposeAsync();

        var fake = Parts.Switches["relay1"];
        Assert.That(fake.Calls.TakeLast(8).Select(c => c.Channel), Is.EqualTo(Enumerable.Range(0, 8)));
        Assert.That(Enumerable.Range(0, 8).Select(fake.IsOn), Has.All.False);
    }
}
