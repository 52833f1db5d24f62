using Hil.Session;

namespace Hil.Cli;

/// <summary>
/// A verb's work on a rig session, then the session's shutdown — with the work's own error kept. With
/// <c>await using</c> a shutdown that fails (a hung driver that takes long to stop) throws over the
/// error that caused it, so "the dext host did not stop in time" would be reported instead of the
/// hang itself. Here the work's error is what the verb reports and the shutdown's failures are logged
/// beside it; only when the work succeeded does a failed shutdown fail the verb.
/// </summary>
internal static class SessionScope
{
    public static async Task<T> RunAsync<T>(RigSession session, Func<Task<T>> work, Action<string> log)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(work);
        ArgumentNullException.ThrowIfNull(log);
        T result;
        try
        {
            result = await work().ConfigureAwait(false);
        }
        catch
        {
            try
            {
                await session.DisposeAsync().ConfigureAwait(false);
            }
            catch (AggregateException shutdown)
            {
                foreach (var failure in shutdown.InnerExceptions)
                {
                    log($"while shutting down after the error below: {failure.Message}");
                }
            }

            throw;
        }

        await session.DisposeAsync().ConfigureAwait(false);
        return result;
    }
}
