using Hil.Dext;
using Hil.Foundation;
using Hil.UserClients;

namespace Hil.Session;

/// <summary>Opening user clients: the class the rig names for the driver, the rig's token, the dext's selector base.</summary>
public sealed partial class RigSession
{
    private DextPlist? _plist;

    /// <summary>
    /// Opens a user client on <paramref name="instance"/> through the rig's backend: the user-client
    /// class is the one the rig's <c>dext.user_clients</c> names for the instance's personality
    /// (<see cref="UserClientClasses"/>), checked before anything is opened.
    /// </summary>
    /// <exception cref="InputException">The rig declares no dext, or its user_clients and the plist disagree for this personality.</exception>
    public IUserClient OpenUserClient(DriverInstance instance, TimeSpan callTimeout, string? entitlementToken = null)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var roles = DextSpec().Roles;
        var userClass = roles.NamesUserClients ? UserClientClasses.For(Plist(), roles, instance.Personality) : null;
        return Open(new UserClientTarget(instance.Endpoint, userClass), callTimeout, entitlementToken);
    }

    /// <summary>
    /// Opens a user client on one driver endpoint through the rig's backend, presenting the rig's
    /// entitlement token unless <paramref name="entitlementToken"/> gives another (to test a refusal).
    /// No class is asked for: prefer the <see cref="DriverInstance"/> overload, which asks for the rig's.
    /// The caller owns the client; <see cref="Track{T}"/> hands it to the session instead.
    /// </summary>
    /// <exception cref="InputException">The rig declares no dext.</exception>
    public IUserClient OpenUserClient(string endpoint, TimeSpan callTimeout, string? entitlementToken = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(endpoint);
        return Open(new UserClientTarget(endpoint, null), callTimeout, entitlementToken);
    }

    private IUserClient Open(UserClientTarget target, TimeSpan callTimeout, string? entitlementToken)
    {
        var token = entitlementToken ?? DextSpec().EntitlementToken;
        // The harness speaks the kit's selectors 0..15; a team's dext answers them from its own base.
        return SelectorRange.At(_factory.OpenUserClient(Rig, target, token, callTimeout), Rig.Dext?.Roles.SelectorBase ?? 0);
    }

    private Rigs.DextSpec DextSpec() => Rig.Dext ?? throw new InputException($"{Rig.SourcePath}: rig '{Rig.Name}' has no dext section");

    /// <summary>Read once, on the first open that needs a class; the same check the dext host made when it loaded it.</summary>
    private DextPlist Plist()
    {
        lock (_gate)
        {
            return _plist ??= DextPlist.LoadForRig(DextSpec());
        }
    }
}
