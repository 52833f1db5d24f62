using Hil.Dext.MacOS;
using Hil.Foundation;
using Hil.Rigs;

namespace Hil.Session.Backends;

/// <summary>Picks the parts factory a rig file's <c>host</c> asks for.</summary>
public static class RigBackends
{
    public static IRigPartsFactory For(RigSpec rig, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(rig);
        return rig.Host switch
        {
            RigHost.Sim => new SimRigPartsFactory(rig, time),
            RigHost.MacOSTwin => new Twin.TwinRigPartsFactory(rig, time),
            RigHost.MacOS when OperatingSystem.IsMacOS() => new MacRigPartsFactory(new MacDextHostOptions(), time),
            RigHost.MacOS => throw new InfrastructureException(
                $"{rig.SourcePath}: host: macos — rig '{rig.Name}' drives real hardware through IOKit and runs only on its Mac"),
            _ => throw new InputException($"{rig.SourcePath}: host: unknown value {rig.Host}"),
        };
    }

    /// <summary>Opens a session on <paramref name="rig"/> with the backend its host names.</summary>
    public static Task<RigSession> OpenSessionAsync(RigSpec rig, RigSessionOptions? options = null, CancellationToken cancellationToken = default) =>
        RigSession.OpenAsync(rig, For(rig, options?.Time), options, cancellationToken);
}
