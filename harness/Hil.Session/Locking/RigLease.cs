using Hil.Foundation;
using Hil.Rigs;

namespace Hil.Session.Locking;

/// <summary>
/// Whether a rig is leased right now, without touching its parts: so a caller about to start a
/// long run (`hil run`) can refuse a busy rig at once instead of failing every test after the
/// fixtures' lock wait. The answer can be stale a moment later; the session's own lease decides.
/// </summary>
public static class RigLease
{
    /// <summary>Null when the rig's lock is free; else why not, naming the holder (its pid, host and start).</summary>
    public static async Task<string?> HeldByAsync(RigSpec rig, RigSessionOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rig);
        try
        {
            using var probe = await RigLock.AcquireAsync(rig.Name, (options ?? new RigSessionOptions()) with { LockTimeout = TimeSpan.Zero }, cancellationToken)
                .ConfigureAwait(false);
            return null;
        }
        catch (RigFaultException ex)
        {
            return ex.Message;
        }
    }
}
