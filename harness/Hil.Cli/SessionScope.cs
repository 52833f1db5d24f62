using Hil.Foundation.Processes;
using Hil.Session;

namespace Hil.Cli;

/// <summary>
/// A verb's work on a rig session, then the session's shutdown, with the work's own error kept and
/// the shutdown's failures logged beside it (<see cref="ShutdownScope"/>, the one rule, which
/// `hil compare`'s arms use too). Every verb that opens a session runs its work through here.
/// </summary>
internal static class SessionScope
{
    /// <summary>Opens the session, then runs the work on it (see <see cref="ShutdownScope.RunAsync{T}"/>).</summary>
    public static async Task<T> RunAsync<T>(Task<RigSession> opening, Func<RigSession, Task<T>> work, Action<string> log)
    {
        ArgumentNullException.ThrowIfNull(opening);
        ArgumentNullException.ThrowIfNull(work);
        var session = await opening.ConfigureAwait(false);
        return await RunAsync(session, () => work(session), log).ConfigureAwait(false);
    }

    public static Task<T> RunAsync<T>(RigSession session, Func<Task<T>> work, Action<string> log) => ShutdownScope.RunAsync(session, work, log);
}
