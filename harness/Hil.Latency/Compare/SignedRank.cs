using System.Collections.Concurrent;
using Perfolizer.Mathematics.Distributions.ContinuousDistributions;
using Pragmastat;

namespace Hil.Latency.Compare;

/// <summary>
/// Which Walsh average bounds the Hodges–Lehmann shift: the Wilcoxon signed-rank statistic's
/// null distribution, exact up to <see cref="ExactUpTo"/> values (a comparison's looks at 12,
/// 15, 19, … blocks; the normal approximation misstates the tails there, at levels near 0.3 %)
/// and the normal approximation beyond, where the two agree.
/// </summary>
public static class SignedRank
{
    public const int ExactUpTo = 400;

    private static readonly ConcurrentDictionary<int, double[]> Cumulative = new();

    /// <summary>
    /// The rank k of the sorted Walsh averages whose k-th smallest is a one-sided lower bound at
    /// level <paramref name="alpha"/> (and k-th largest the upper): the largest k with
    /// P(W+ ≤ k − 1) ≤ alpha; 0 when even the extreme average is not bound enough.
    /// </summary>
    public static int BoundRank(int n, double alpha)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        if (n == 0 || alpha <= 0)
        {
            return 0;
        }

        if (n > ExactUpTo)
        {
            var z = NormalDistribution.Standard.Quantile(new Probability(1 - alpha));
            return Math.Max(0, (int)Math.Floor((n * (n + 1) / 4.0) - (z * Math.Sqrt(n * (n + 1) * ((2.0 * n) + 1) / 24))));
        }

        var cdf = Cumulative.GetOrAdd(n, Distribution);
        var k = 0;
        while (k < cdf.Length && cdf[k] <= alpha)
        {
            k++;
        }

        return k;
    }

    /// <summary>P(W+ ≤ t) for t = 0 … n(n+1)/2 under the null: each rank's sign a fair coin.</summary>
    private static double[] Distribution(int n)
    {
        var total = n * (n + 1) / 2;
        var p = new double[total + 1];
        p[0] = 1;
        var reach = 0;
        for (var rank = 1; rank <= n; rank++)
        {
            reach += rank;
            for (var t = reach; t >= 0; t--)
            {
                p[t] = 0.5 * (p[t] + (t >= rank ? p[t - rank] : 0));
            }
        }

        for (var t = 1; t <= total; t++)
        {
            p[t] += p[t - 1];
        }

        return p;
    }
}
