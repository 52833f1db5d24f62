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
        await step("wait until every device's Driver1 is matched", async () =>
            registry = await session.Dext.WaitForRegistryAsync(
                r => names.All(n => r.Any(i => i.Role == DriverRole.Driver1 && i.MatchedDevice == n)),
                $"a Driver1 instance for each of {string.Join(", ", names)}", session.Rig.Timeouts.Activate, ct).ConfigureAwait(false))
            .ConfigureAwait(false);
        return registry;
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
