using Hil.Devices;
using Hil.Dext;
using Hil.MacInterop;
using Hil.UserClients;
using Hil.UserClients.Probe;

namespace Hil.MacTwin.Tests;

/// <summary>
/// The Mac code (IOKit user clients, IOKit USB notifications, the Mac dext host and its tools) on
/// the macos-twin rig: what a Mac mini runs, bound to libhil-macos-twin over the sim's parts.
/// </summary>
public sealed class TwinSessionTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Test]
    [CancelAfter(120_000)]
    public Task The_Mac_code_activates_the_dext_opens_its_drivers_and_follows_a_device(CancellationToken ct) =>
        TwinSessions.WithSessionAsync(async session =>
        {
            await session.Dext.ActivateAsync(ct);
            var roots = await session.Dext.WaitForRegistryAsync(r => r.Count(i => i.Role == DriverRole.Driver2) >= 2, "the two root Driver2 instances in ioreg", Wait, ct);
            var driver2 = roots.First(i => i.Role == DriverRole.Driver2);
            Assert.That(driver2.Endpoint, Does.StartWith("0x"), "a Mac endpoint is a registry ID");
            var opened = new ProbeDriverClient(session.Track(session.OpenUserClient(driver2.Endpoint, Wait))).OpenSession();
            Assert.That((opened.Role, opened.Pid), Is.EqualTo((ProbeRole.Driver2, driver2.ProcessId)));

            var stimulus = session.Rig.Devices["stimulus-a"];
            var before = Hil.Foundation.MonotonicClock.NowNs();
            await session.PowerOnAsync("relay1/1", ct);
            var arrived = await session.Devices.WaitAsync(DeviceEventKind.Arrived, stimulus.Usb, before, Wait, ct);
            Assert.That(arrived.Location, Does.StartWith("0x"), "IOKitDeviceWatcher reads locationID");
            var withDevice = await session.Dext.WaitForRegistryAsync(
                r => r.Any(i => i.MatchedDevice == "stimulus-a"), "stimulus-a's Driver1 in ioreg", Wait, ct);
            var driver1 = withDevice.First(i => i.MatchedDevice == "stimulus-a");
            var d1 = new ProbeDriverClient(session.Track(session.OpenUserClient(driver1.Endpoint, Wait))).OpenSession();
            Assert.That(d1.Role, Is.EqualTo(ProbeRole.Driver1));

            var status = await session.Dext.GetStatusAsync(ct);
            Assert.That(status.State, Is.EqualTo(DextState.Activated));
            Assert.That(status.ProcessIds, Does.Contain(driver1.ProcessId));
            await session.PowerOffAsync("relay1/1", ct);
            await session.Devices.WaitAsync(DeviceEventKind.Removed, stimulus.Usb, arrived.TimestampNs, Wait, ct);
            await session.Dext.DeactivateAsync(ct);
            Assert.That((await session.Dext.GetStatusAsync(ct)).State, Is.EqualTo(DextState.Deactivated));
        }, ct);

    [Test]
    [CancelAfter(60_000)]
    public async Task An_io_object_the_Mac_code_never_releases_fails_the_session_naming_the_call(CancellationToken ct)
    {
        var (session, locks) = await TwinSessions.OpenAsync(ct);
        try
        {
            _ = IOKitNative.IOServiceGetMatchingServices(IOKitNative.MainPortDefault, IOKitNative.IOServiceMatching("IOUSBHostDevice"), out _);
            var e = await Assert.ThrowsAsync<AggregateException>(async () => await session.DisposeAsync());
            var messages = string.Join("\n", e!.InnerExceptions.Select(x => x.Message));
            Assert.That(messages, Does.Contain("leaked io_object_t").And.Contain("created by IOServiceGetMatchingServices"));
        }
        finally
        {
            Directory.Delete(locks, recursive: true);
        }
    }

    [Test]
    [CancelAfter(90_000)]
    public Task A_call_with_a_wrong_scalar_count_fails_naming_the_call(CancellationToken ct) =>
        TwinSessions.WithSessionAsync(async session =>
        {
            await session.Dext.ActivateAsync(ct);
            var roots = await session.Dext.WaitForRegistryAsync(r => r.Any(i => i.Role == DriverRole.Driver2), "a root Driver2 in ioreg", Wait, ct);
            var client = session.Track(session.OpenUserClient(roots.First(i => i.Role == DriverRole.Driver2).Endpoint, Wait));
            var e = Assert.Throws<UserClientException>(() => new ProbeDriverClient(new OneScalarShort(client)).OpenSession());
            Assert.That(e!.Status, Is.EqualTo(IOReturn.BadArgument));
            Assert.That(e.Message, Does.Contain("OpenSession (selector 0)"));
        }, ct);

    /// <summary>Passes one scalar input fewer than the caller gave: a marshalling slip in a P/Invoke shell.</summary>
    private sealed class OneScalarShort(IUserClient inner) : IUserClient
    {
        public string Endpoint => inner.Endpoint;

        public CallResult Call(uint selector, ReadOnlySpan<ulong> scalarsIn, ReadOnlySpan<byte> structIn, Span<ulong> scalarsOut, Span<byte> structOut) =>
            inner.Call(selector, scalarsIn[..^1], structIn, scalarsOut, structOut);

        public CallResult CallWithCompletion(uint selector, uint reference, AsyncCompletionHandler onCompletion, ReadOnlySpan<ulong> scalarsIn, ReadOnlySpan<byte> structIn, Span<ulong> scalarsOut, Span<byte> structOut) =>
            inner.CallWithCompletion(selector, reference, onCompletion, scalarsIn[..^1], structIn, scalarsOut, structOut);

        public IMappedMemory Map(uint memoryType) => inner.Map(memoryType);

        public void Dispose()
        {
        }
    }
}
