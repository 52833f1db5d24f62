using Hil.Latency.Compare;

namespace Hil.Latency.Running.Compare;

/// <summary>
/// One build's side of a comparison, live for the whole of it (its sim host up, its driver pair
/// wired), so a burst costs only its messages and the arms can alternate every burst.
/// </summary>
public interface ICompareArm : IAsyncDisposable
{
    /// <summary>One short burst of this arm, with its floor measured where the topology allows.</summary>
    /// <exception cref="Foundation.InfrastructureException">The tooling failed (the runner measures the burst again).</exception>
    Task<CompareBurst> BurstAsync(CancellationToken cancellationToken);
}
