using Hil.Dext;
using Hil.Devices;
using Hil.Foundation;
using Hil.Rigs;

namespace Hil.Sim.Tests;

/// <summary>A sim rig with the real hil-simhost: fake power, the sim USB bus on the system clock, the sim kernel.</summary>
internal sealed class SimRigUnderTest : IAsyncDisposable
{
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private SimRigUnderTest(RigSpec rig, SimKernelOptions options)
    {
        Rig = rig;
        Bus = new SimUsbBus(rig, Power, TimeProvider.System);
        Kernel = new SimKernel(rig, Bus, TimeProvider.System, options);
    }

    public RigSpec Rig { get; }

    public FakePower Power { get; } = new();

    public SimUsbBus Bus { get; }

    public SimKernel Kernel { get; }

    public static SimRigUnderTest Create(string? plist = null, SimKernelOptions? options = null, TimeSpan? activate = null, IEnumerable<FaultSpec>? faults = null)
    {
        var logs = Path.Combine(TestContext.CurrentContext.WorkDirectory, "simhost-logs", TestContext.CurrentContext.Test.Name);
        var rig = SimRigs.Rig(plist, TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(10), faults: faults, activate: activate);
        return new SimRigUnderTest(rig, options ?? new SimKernelOptions { LogDirectory = logs });
    }

    /// <summary>The Driver1 instances <see cref="ActivatedAsync"/> powered up, in the order it was given the devices.</summary>
    public List<DriverInstance> Powered { get; } = [];

    /// <summary>A rig whose dext is activated, with <paramref name="devices"/> powered and their Driver1 instances up.</summary>
    public static async Task<SimRigUnderTest> ActivatedAsync(CancellationToken cancellationToken, params string[] devices)
    {
        var rig = Create();
        try
        {
            await rig.Kernel.ActivateAsync(cancellationToken);
            foreach (var device in devices)
            {
                rig.Powered.Add(await rig.PowerOnAsync(device, cancellationToken));
            }

            return rig;
        }
        catch
        {
            await rig.DisposeAsync();
            throw;
        }
    }

    public static bool Alive(int pid) => ProcessSignals.Send(pid, 0);

    /// <summary>
    /// Waits for a host the kernel is letting go: a departed device's drivers leave the registry at once
    /// (IOKit's terminate phase 1), their process stops after.
    /// </summary>
    public static async Task WaitExitedAsync(int pid, CancellationToken cancellationToken)
    {
        var waited = Task.Run(async () =>
        {
            while (Alive(pid))
            {
                await Task.Delay(20, cancellationToken);
            }
        }, cancellationToken);
        await waited.WithTimeout(Wait, $"pid {pid} to exit once the kernel let it go", FaultKind.ProductDefect, TimeProvider.System, cancellationToken);
    }

    public static IReadOnlyList<string> SharedMemoryOf(int pid) =>
        Directory.Exists("/dev/shm") ? Directory.GetFiles("/dev/shm", $"hil-{pid}-*") : [];

    /// <summary>Powers the device's channel and waits until its Driver1 is in the registry.</summary>
    public async Task<DriverInstance> PowerOnAsync(string device, CancellationToken cancellationToken)
    {
        var spec = Rig.Devices[device];
        var at = MonotonicClock.NowNs();
        Power.Set(spec.Power, true);
        await Bus.WaitAsync(DeviceEventKind.Arrived, spec.Usb, at, Wait, cancellationToken);
        var registry = await Kernel.WaitForRegistryAsync(
            r => r.Any(i => i.MatchedDevice == device), $"Driver1 for {device}", Wait, cancellationToken);
        return registry.Single(i => i.MatchedDevice == device);
    }

    public async Task<DriverInstance> Driver2Async(string personality, CancellationToken cancellationToken) =>
        (await Kernel.QueryRegistryAsync(cancellationToken)).Single(i => i.Personality == personality);

    /// <summary>A copy of the fixture plist with an edit, for layout variants.</summary>
    public static string PlistVariant(string name, Func<string, string> edit)
    {
        var path = Path.Combine(TestContext.CurrentContext.WorkDirectory, $"{name}-{Guid.NewGuid():N}.plist");
        File.WriteAllText(path, edit(File.ReadAllText(SimRigs.FixturePlist)));
        return path;
    }

    public async ValueTask DisposeAsync()
    {
        await Kernel.DisposeAsync();
        await Bus.DisposeAsync();
    }
}
