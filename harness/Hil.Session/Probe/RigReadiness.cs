using Hil.Devices;
using Hil.Dext;
using Hil.Foundation;
using Hil.Rigs;

namespace Hil.Session.Probe;

/// <summary>
/// Brings a session's rig to the state a measurement or a HID test needs, whatever came
/// before: the dext activated, every declared device powered and enumerated, its Driver1
/// matched. Each stage is reported through <paramref name="step"/> so callers can show it
/// (Allure steps in fixtures, a status line in the CLI).
/// </summary>
public static class RigReadiness
{
    public delegate Task StepRunner(string name, Func<Task> body);

    public static Task DirectAsync(string name, Func<Task> body) => body();

    public static async Task<IReadOnlyList<DriverInstance>> DextWithAllDevicesAsync(RigSession session, StepRunner step, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(step);
        var status = await session.Dext.GetStatusAsync(ct).ConfigureAwait(false);
        if (status.State != DextState.Activated)
        {
            await step("activate the dext", () => session.Dext.ActivateAsync(ct)).ConfigureAwait(false);
        }

        foreach (var device in session.Rig.Devices.Values)
        {
            await PowerOnAndEnumerateAsync(session, device, step, ct).ConfigureAwait(false);
        }

        var names = session.Rig.Devices.Keys.ToHashSet(StringComparer.Ordinal);
        IReadOnlyList<DriverInstance> registry = [];
        for (var settles = 1; ; settles++)
        {
            var since = MonotonicClock.NowNs();
            await step("wait until every device's Driver1 is matched", async () =>
                registry = await session.Dext.WaitForRegistryAsync(
                    r => names.All(n => r.Any(i => i.Role == DriverRole.Driver1 && i.MatchedDevice == n)),
                    $"a Driver1 instance for each of {string.Join(", ", names)}", session.Rig.Timeouts.Activate, ct).ConfigureAwait(false))
                .ConfigureAwait(false);
            if (await LeftWithinSettleAsync(session, since, ct).ConfigureAwait(false) is not { } bounced)
            {
                return registry;
            }

            if (settles == MaxSettles)
            {
                throw new RigFaultException(
                    $"device {bounced} of rig '{session.Rig.Name}' left again within {Settle.TotalMilliseconds} ms of its drivers matching, {MaxSettles} times: its connection bounces");
            }
        }
    }

    /// <summary>
    /// How long every device must stay once its drivers matched before they are used. A connector that
    /// bounces (a replug race: gone and back within 50 ms) takes the drivers it matched with it; the ones to
    /// use are those matched after it came back, never a stale one (USB 2.0 also gives an attach 100 ms to
    /// debounce, TATTDB). A device that keeps bouncing past <see cref="MaxSettles"/> settles is a rig fault.
    /// </summary>
    public static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(100);

    private const int MaxSettles = 5;

    /// <summary>The name of a device that left at or after <paramref name="sinceNs"/> or within <see cref="Settle"/> from now; null when none did.</summary>
    private static async Task<string?> LeftWithinSettleAsync(RigSession session, long sinceNs, CancellationToken ct)
    {
        var left = await Task.WhenAll(session.Rig.Devices.Values.Select(async device =>
        {
            try
            {
                await session.Devices.WaitAsync(DeviceEventKind.Removed, device.Usb, sinceNs, Settle, ct).ConfigureAwait(false);
                return device.Name;
            }
            catch (WaitTimeoutException)
            {
                return null;
            }
        })).ConfigureAwait(false);
        return left.FirstOrDefault(name => name is not null);
    }

    /// <summary>Powers the device's channel and waits for its arrival, unless it is present already.</summary>
    public static async Task PowerOnAndEnumerateAsync(RigSession session, DeviceSpec device, StepRunner step, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(step);
        if (session.Devices.Present.Contains(device.Usb))
        {
            return;
        }

        var before = MonotonicClock.NowNs();
        await step($"power on {device.Name} ({device.Power})", () => session.PowerOnAsync(device.Name, ct)).ConfigureAwait(false);
        await step($"wait for {device.Name} to enumerate", () =>
            session.Devices.WaitAsync(DeviceEventKind.Arrived, device.Usb, before, session.Rig.Timeouts.Enumerate, ct)).ConfigureAwait(false);
    }
}
