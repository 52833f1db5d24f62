namespace Hil.Foundation.Processes;

/// <summary>
/// Work on something that must be shut down after it (a rig session, a compare arm), with the
/// work's own error kept. With <c>await using</c> a shutdown that fails (a hung driver that takes
/// long to stop, a dext host that will not stop) throws over the error that caused it, so "disposing
/// the dext host failed" would be reported instead of the hang, and a cancelled verb would exit 2
/// instead of 130. Here the work's error is what the caller sees and each shutdown failure is logged
/// beside it; only when the work succeeded does a failed shutdown fail the caller.
/// </summary>
public static class ShutdownScope
{
    public static async Task<T> RunAsync<T>(IAsyncDisposable resource, Func<Task<T>> work, Action<string> log)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(work);
        ArgumentNullException.ThrowIfNull(log);
        T result;
        try
        {
            result = await work().ConfigureAwait(false);
        }
        catch
        {
            await ShutDownBesideAsync(resource, log).ConfigureAwait(false);
            throw;
        }

        await resource.DisposeAsync().ConfigureAwait(false);
        return result;
    }

    /// <summary>The shutdown after a failed work: its failures are logged, never thrown over the work's error.</summary>
    private static async Task ShutDownBesideAsync(IAsyncDisposable resource, Action<string> log)
    {
        try
        {
            await resource.DisposeAsync().ConfigureAwait(false);
        }
#pragma warning disable CA1031 // the work's error is the one to throw; every shutdown failure is logged instead
        catch (Exception shutdown)
#pragma warning restore CA1031
        {
            var failures = shutdown is AggregateException many ? many.Flatten().InnerExceptions : [shutdown];
            foreach (var failure in failures)
            {
                log($"while shutting down after the error below: {failure.Message}");
            }
        }
    }
}
