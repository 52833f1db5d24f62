using Hil.Foundation;
using Hil.Rigs;
using Hil.Session;
using Hil.Session.Backends;

namespace Hil.MacTwin.Tests;

/// <summary>Sessions on rigs/macos-twin.yaml, each with its own lock folder.</summary>
internal static class TwinSessions
{
    public static RigSpec Rig() => RigFile.Load(Path.Combine(RepositoryRoot.Find(), "rigs", "macos-twin.yaml"));

    /// <summary>Runs <paramref name="body"/> on an open session and disposes it after (a failed audit then throws).</summary>
    public static async Task WithSessionAsync(Func<RigSession, Task> body, CancellationToken ct)
    {
        var (session, locks) = await OpenAsync(ct);
        try
        {
            await body(session);
        }
        finally
        {
            await session.DisposeAsync();
            Directory.Delete(locks, recursive: true);
        }
    }

    /// <summary>An open session and its lock folder; the caller disposes the session and deletes the folder.</summary>
    public static async Task<(RigSession Session, string Locks)> OpenAsync(CancellationToken ct)
    {
        var locks = Directory.CreateTempSubdirectory("hil-twin-locks-").FullName;
        var session = await RigBackends.OpenSessionAsync(Rig(), new RigSessionOptions
        {
            LockDirectory = locks,
            LockTimeout = TimeSpan.Zero,
            HookProcessExit = false,
            Log = _ => { },
        }, ct);
        return (session, locks);
    }
}
