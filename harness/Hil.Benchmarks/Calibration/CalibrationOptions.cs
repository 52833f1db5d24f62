using System.Globalization;
using Hil.Foundation;
using Hil.UserClients.Probe;

namespace Hil.Benchmarks.Calibration;

/// <summary>`gate-calibration` options; every default is what benchmarks/gate-calibration.md was made with unless it says otherwise.</summary>
internal sealed record CalibrationOptions
{
    public static readonly IReadOnlyList<Shift> Shifts =
    [
        Shift.None,
        new(ShiftAt.P50, 0.05), new(ShiftAt.P50, 0.10), new(ShiftAt.P50, 0.20),
        new(ShiftAt.P99, 0.05), new(ShiftAt.P99, 0.10), new(ShiftAt.P99, 0.20),
    ];

    public string Rig { get; init; } = "rigs/sim.yaml";

    public IReadOnlyList<Topology> Topologies { get; init; } = [Topology.AppRelay, Topology.OneProcess, Topology.SharedRing];

    public int Runs { get; init; } = 8;

    public long Samples { get; init; } = 20_000;

    public int RateHz { get; init; } = 4000;

    public long Warmup { get; init; } = 500;

    public int Trials { get; init; } = 250;

    public IReadOnlyList<int> Sizes { get; init; } = [2000, 5000, 10_000, 20_000];

    public IReadOnlyList<double> Margins { get; init; } = [0.5, 1.0];

    public int Seed { get; init; } = 20_240_601;

    public string? From { get; init; }

    public string? KeepRuns { get; init; }

    public static CalibrationOptions Parse(string[] args)
    {
        var o = new CalibrationOptions();
        for (var i = 0; i < args.Length; i += 2)
        {
            var value = i + 1 < args.Length ? args[i + 1] : throw new InputException($"gate-calibration: {args[i]} needs a value");
            o = args[i] switch
            {
                "--rig" => o with { Rig = value },
                "--topologies" => o with { Topologies = [.. value.Split(',').Select(t => TopologyNames.Parse(t, "--topologies"))] },
                "--runs" => o with { Runs = int.Parse(value, CultureInfo.InvariantCulture) },
                "--samples" => o with { Samples = long.Parse(value, CultureInfo.InvariantCulture) },
                "--rate" => o with { RateHz = int.Parse(value, CultureInfo.InvariantCulture) },
                "--trials" => o with { Trials = int.Parse(value, CultureInfo.InvariantCulture) },
                "--sizes" => o with { Sizes = [.. value.Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture))] },
                "--margins" => o with { Margins = [.. value.Split(',').Select(s => double.Parse(s, CultureInfo.InvariantCulture))] },
                "--seed" => o with { Seed = int.Parse(value, CultureInfo.InvariantCulture) },
                "--from" => o with { From = value },
                "--keep-runs" => o with { KeepRuns = value },
                _ => throw new InputException($"gate-calibration: unknown option {args[i]}; see Calibration/CalibrationOptions.cs"),
            };
        }

        return o;
    }
}
