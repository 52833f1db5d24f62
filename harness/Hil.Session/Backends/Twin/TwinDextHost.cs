using Hil.Dext;
using Hil.Dext.MacOS;
using Hil.Sim;

namespace Hil.Session.Backends.Twin;

/// <summary>
/// The dext host of the macos-twin rig: <see cref="MacDextHost"/> (systemextensionsctl, ioreg and
/// their parsers, through the twin tools) does all the reading and waiting; the sim kernel stands
/// in for what macOS does between a request and its effect — launching the dext's processes on
/// activation, ending them on deactivation — and the bridge shows that to the tools.
/// </summary>
internal sealed class TwinDextHost(MacDextHost mac, SimKernel kernel, TwinBridge bridge) : IDextHost
{
    public async Task ActivateAsync(CancellationToken cancellationToken)
    {
        // What sysextd does once the user approved: the extension is enabled and its drivers match.
        await kernel.ActivateAsync(cancellationToken).ConfigureAwait(false);
        bridge.SetExtension(TwinExtensionState.Enabled);
        await mac.ActivateAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task DeactivateAsync(CancellationToken cancellationToken)
    {
        await kernel.DeactivateAsync(cancellationToken).ConfigureAwait(false);
        bridge.SetExtension(TwinExtensionState.Terminated);
        await mac.DeactivateAsync(cancellationToken).ConfigureAwait(false);
    }

    public Task<DextStatus> GetStatusAsync(CancellationToken cancellationToken) => mac.GetStatusAsync(cancellationToken);

    public Task<IReadOnlyList<DriverInstance>> QueryRegistryAsync(CancellationToken cancellationToken) =>
        mac.QueryRegistryAsync(cancellationToken);

    public Task<IReadOnlyList<DriverInstance>> WaitForRegistryAsync(
        Func<IReadOnlyList<DriverInstance>, bool> condition, string waitedFor, TimeSpan timeout,
        CancellationToken cancellationToken) =>
        mac.WaitForRegistryAsync(condition, waitedFor, timeout, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await mac.DisposeAsync().ConfigureAwait(false);
        await kernel.DisposeAsync().ConfigureAwait(false);
        bridge.Sync();
    }
}
