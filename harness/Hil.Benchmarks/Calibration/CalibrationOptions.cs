using System.Globalization;
using Hil.Foundation;
using Hil.Latency.Gate;

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

    /// <summary>Folder of real runs (`hil latency --out`), named &lt;topology&gt;-NN.json in the order measured.</summary>
    public string From { get; init; } = "benchmarks/gate-runs-quiet";

    public IReadOnlyList<int> Ks { get; init; } = [3, 5, 10, 20];

    /// <summary>Samples per run; 0 = each run as measured (no resampling).</summary>
    public IReadOnlyList<int> Sizes { get; init; } = [5000, 0];

    public IReadOnlyList<double> Alphas { get; init; } = [0.001, 0.005];

    public IReadOnlyList<GateNormalisation> Normalisations { get; init; } = [GateNormalisation.None, GateNormalisation.Floor];

    public int Trials { get; init; } = 2000;

    /// <summary>Resamples kept per run at each size below the run's own; each trial picks one.</summary>
    public int Draws { get; init; } = 40;

    public int Seed { get; init; } = 20_240_601;

    public string Out { get; init; } = "benchmarks/gate-calibration.md";

    public static CalibrationOptions Parse(string[] args)
    {
        var o = new CalibrationOptions();
        for (var i = 0; i < args.Length; i += 2)
        {
            var value = i + 1 < args.Length ? args[i + 1] : throw new InputException($"gate-calibration: {args[i]} needs a value");
            o = args[i] switch
            {
                "--from" => o with { From = value },
                "--ks" => o with { Ks = Ints(value) },
                "--sizes" => o with { Sizes = Ints(value) },
                "--alphas" => o with { Alphas = [.. value.Split(',').Select(s => double.Parse(s, CultureInfo.InvariantCulture))] },
                "--normalisations" => o with { Normalisations = [.. value.Split(',').Select(s => Enum.Parse<GateNormalisation>(s, ignoreCase: true))] },
                "--trials" => o with { Trials = int.Parse(value, CultureInfo.InvariantCulture) },
                "--draws" => o with { Draws = int.Parse(value, CultureInfo.InvariantCulture) },
                "--seed" => o with { Seed = int.Parse(value, CultureInfo.InvariantCulture) },
                "--out" => o with { Out = value },
                _ => throw new InputException($"gate-calibration: unknown option {args[i]}; see Calibration/CalibrationOptions.cs"),
            };
        }

        return o;
    }

    private static int[] Ints(string value) => [.. value.Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture))];
}
