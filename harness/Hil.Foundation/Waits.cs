namespace Hil.Foundation;

/// <summary>Every wait in the harness goes through here so it has a timeout that names what it waited for.</summary>
public static class Waits
{
    /// <summary>
    /// Awaits <paramref name="task"/> for at most <paramref name="timeout"/> on <paramref name="time"/>.
    /// Caller cancellation propagates as <see cref="OperationCanceledException"/>; running out of
    /// time raises <see cref="WaitTimeoutException"/> naming <paramref name="waitedFor"/>.
    /// </summary>
    public static async Task<T> WithTimeout<T>(
        this Task<T> task, TimeSpan timeout, string waitedFor, FaultKind fault,
        TimeProvider time, CancellationToken cancellationToken)
    {
        try
        {
            return await task.WaitAsync(timeout, time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new WaitTimeoutException(waitedFor, timeout, fault);
        }
    }

    /// <inheritdoc cref="WithTimeout{T}(Task{T}, TimeSpan, string, FaultKind, TimeProvider, CancellationToken)"/>
    public static async Task WithTimeout(
        this Task task, TimeSpan timeout, string waitedFor, FaultKind fault,
        TimeProvider time, CancellationToken cancellationToken)
    {
        try
        {
            await task.WaitAsync(timeout, time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new WaitTimeoutException(waitedFor, timeout, fault);
        }
    }
}
