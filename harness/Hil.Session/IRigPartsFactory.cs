using Hil.Devices;
using Hil.Dext;
using Hil.Power;
using Hil.Rigs;
using Hil.UserClients;

namespace Hil.Session;

/// <summary>
/// Builds the parts of one rig for a <see cref="RigSession"/>: the sim backend builds emulators and
/// speaks the sim wire protocol, the real backend opens relay boards, IOKit watchers, the dext host
/// app and IOKit user clients. It is the one place a backend is chosen for: nothing else looks at
/// <see cref="RigSpec.Host"/>. The session calls each Create method at most once per part while it
/// holds the rig's lock, owns what they return and disposes it on every exit path; a factory must
/// not keep using a part after that.
/// </summary>
/// <remarks>
/// If the factory also implements <see cref="IAsyncDisposable"/>, the session disposes it after
/// the parts and before releasing the lock, so anything it started (a sim USB bus, sim host
/// processes) is torn down while the rig is still leased. A method that throws fails
/// <see cref="RigSession.OpenAsync"/>; the parts made so far are then disposed and the lock released.
/// </remarks>
public interface IRigPartsFactory
{
    /// <summary>Called once per entry of <see cref="RigSpec.Power"/>.</summary>
    Task<IPowerSwitch> CreatePowerSwitchAsync(RigSpec rig, PowerSwitchSpec power, CancellationToken cancellationToken);

    /// <summary>Called when the rig declares devices and the session was asked for <see cref="RigParts.Devices"/>.</summary>
    Task<IDeviceWatcher> CreateDeviceWatcherAsync(RigSpec rig, CancellationToken cancellationToken);

    /// <summary>Called when the rig declares a dext and the session was asked for <see cref="RigParts.Dext"/>.</summary>
    Task<IDextHost> CreateDextHostAsync(RigSpec rig, CancellationToken cancellationToken);

    /// <summary>
    /// Opens a user client on one driver instance (its registry <see cref="DriverInstance.Endpoint"/>
    /// and the user-client class the rig resolved for it, <see cref="UserClientTarget"/>), presenting <paramref name="entitlementToken"/>; called any number of times while the session
    /// is open. The caller owns the client (<see cref="RigSession.Track{T}"/> hands it to the session).
    /// </summary>
    /// <param name="callTimeout">How long one call may wait for its reply, where the backend can bound it.</param>
    IUserClient OpenUserClient(RigSpec rig, UserClientTarget target, string entitlementToken, TimeSpan callTimeout);
}

/// <summary>Which parts a session builds. <c>hil power</c> needs only <see cref="Power"/>.</summary>
[Flags]
public enum RigParts
{
    Power = 1,
    Devices = 2,
    Dext = 4,
    All = Power | Devices | Dext,
}
