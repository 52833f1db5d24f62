namespace Hil.Session;

/// <summary>
/// What a backend opens a user client on: a driver instance's registry endpoint and the
/// user-client class the rig's <c>dext.user_clients</c> resolved for it (Hil.Dext's
/// <c>UserClientClasses</c>); a null class when the rig names none and any the dext carries will do.
/// </summary>
public sealed record UserClientTarget(string Endpoint, string? UserClientClass)
{
    /// <summary>"ENDPOINT" or "ENDPOINT (user client CLASS)", for errors and journals.</summary>
    public override string ToString() => UserClientClass is null ? Endpoint : $"{Endpoint} (user client {UserClientClass})";
}
