using System.Globalization;
using Hil.Foundation;

namespace Hil.Latency.Files;

/// <summary>
/// What a measurement file must hold beyond its JSON shape, checked before anything reads it:
/// counts are 0 or more, every message is accounted for (sent = received + lost), figures are
/// finite and not negative, and no list holds a null. The serializer already refuses a
/// missing or null field the format requires; these are the rules it cannot know.
/// </summary>
internal sealed class LatencyRunChecks(string where)
{
    public static void Check(LatencyRunDto dto, string where)
    {
        var c = new LatencyRunChecks(where);
        c.Count("rate_hz", dto.RateHz);
        c.Count("samples", dto.Samples);
        c.Count("warmup", dto.Warmup);
        c.CheckAccounting(c.Present("accounting", dto.Accounting));
        c.CheckSummary(c.Present("percentiles", dto.Percentiles));
        c.CheckEstimates(dto.HarrellDavis ?? []);
        c.CheckFloor(dto.Floor);
        c.CheckDelay(dto.InjectedDelay);
        c.NoNulls("injected_faults", dto.InjectedFaults ?? []);
        c.NoNulls("warnings", dto.Warnings ?? []);
        c.CheckHistogram(c.Present("histogram", dto.Histogram));
        c.Count("subsample.size", c.Present("subsample", dto.Subsample).Size);
    }

    public T Present<T>(string field, T? value)
        where T : class =>
        value ?? throw new InputException($"{where}: field '{field}' is missing or null");

    private void CheckAccounting(Accounting a)
    {
        foreach (var (name, value) in new[]
        {
            ("sent", a.Sent), ("received", a.Received), ("lost", a.Lost), ("duplicated", a.Duplicated), ("reordered", a.Reordered),
            ("warmup_discarded", a.WarmupDiscarded), ("ring_overflow", a.RingOverflow), ("driver_dropped", a.DriverDropped), ("unexpected", a.Unexpected),
        })
        {
            Count($"accounting.{name}", value);
        }

        if (a.Sent != a.Received + a.Lost)
        {
            throw new InputException(F($"{where}: field 'accounting': sent {a.Sent} but received {a.Received} + lost {a.Lost} = {a.Received + a.Lost}; expected every message accounted for (sent = received + lost)"));
        }
    }

    private void CheckSummary(SummaryDto s)
    {
        Count("percentiles.count", s.Count);
        foreach (var (name, value) in new[] { ("min_ns", s.MinNs), ("p50_ns", s.P50Ns), ("p90_ns", s.P90Ns), ("p99_ns", s.P99Ns), ("p999_ns", s.P999Ns), ("max_ns", s.MaxNs) })
        {
            Count($"percentiles.{name}", value);
        }

        Figure("percentiles.mean_ns", s.MeanNs);
    }

    private void CheckEstimates(List<EstimateDto> estimates)
    {
        for (var i = 0; i < estimates.Count; i++)
        {
            var field = F($"harrell_davis[{i}]");
            var e = Present(field, estimates[i]);
            Fraction($"{field}.quantile", e.Quantile);
            Fraction($"{field}.confidence", e.Confidence);
            Figure($"{field}.estimate_ns", e.EstimateNs);
            Finite($"{field}.lower_ns", e.LowerNs);
            Figure($"{field}.upper_ns", e.UpperNs);
            Figure($"{field}.standard_error_ns", e.StandardErrorNs);
            Count($"{field}.sample_size", e.SampleSize);
        }
    }

    private void CheckFloor(FloorFigures? floor)
    {
        if (floor is null)
        {
            return;
        }

        Count("floor.samples", floor.Samples);
        Count("floor.p50_ns", floor.P50Ns);
        Count("floor.p99_ns", floor.P99Ns);
        Count("floor.p999_ns", floor.P999Ns);
    }

    private void CheckDelay(InjectedDelay? delay)
    {
        if (delay is null)
        {
            return;
        }

        Figure("injected_delay.percent", delay.Percent);
        Count("injected_delay.ns_per_hop", delay.NsPerHop);
    }

    private void CheckHistogram(HistogramDto h)
    {
        Count("histogram.lowest_ns", h.LowestNs);
        Count("histogram.highest_ns", h.HighestNs);
        Count("histogram.significant_digits", h.SignificantDigits);
        Count("histogram.total_count", h.TotalCount);
    }

    private void NoNulls<T>(string field, List<T> items)
        where T : class
    {
        for (var i = 0; i < items.Count; i++)
        {
            Present(F($"{field}[{i}]"), items[i]);
        }
    }

    private void Count(string field, long value)
    {
        if (value < 0)
        {
            throw new InputException(F($"{where}: field '{field}' is {value}; expected a count or time of 0 or more"));
        }
    }

    /// <summary>A measured figure: finite and not negative ("inside?" rather than "outside?", so NaN fails too).</summary>
    private void Figure(string field, double value)
    {
        if (!(double.IsFinite(value) && value >= 0))
        {
            throw new InputException(F($"{where}: field '{field}' is {value}; expected a finite number of 0 or more"));
        }
    }

    /// <summary>A confidence bound: the estimate minus its error may dip below 0 on a small sample, but never leaves the number line.</summary>
    private void Finite(string field, double value)
    {
        if (!double.IsFinite(value))
        {
            throw new InputException(F($"{where}: field '{field}' is {value}; expected a finite number"));
        }
    }

    private void Fraction(string field, double value)
    {
        if (!(value >= 0 && value <= 1))
        {
            throw new InputException(F($"{where}: field '{field}' is {value}; expected a fraction from 0 to 1"));
        }
    }

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
