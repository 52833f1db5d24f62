namespace Hil.Reporting.Contracts;

/// <summary>
/// What `hil run` tells the fixtures about the run: the rig, the suite and how much it
/// measures, and where its results go. Read through <see cref="RunConfigFile"/>.
/// </summary>
public sealed record RunConfig
{
    /// <summary>The rig health checks' suite (and NUnit category): a failure there takes the rig offline.</summary>
    public const string HealthSuite = "health";

    /// <summary>The deliberate rig fault: explicit, so it runs only when this suite is asked for by name.</summary>
    public const string FaultDemoSuite = "fault-demo";

    /// <summary>The suites `hil run --suite` accepts; each is an NUnit category of the fixtures.</summary>
    public static readonly IReadOnlyList<string> Suites = ["smoke", "nightly", "qualification", "gate", HealthSuite, FaultDemoSuite];

    /// <summary>The suites that judge the product at length: `hil run` runs <see cref="HealthSuite"/> before them, and none of them on an unhealthy rig.</summary>
    public static readonly IReadOnlyList<string> GuardedSuites = ["nightly", "qualification", "gate"];

    /// <summary>The rig file, absolute.</summary>
    public required string RigFile { get; init; }

    /// <summary>How much work the fixtures do (smoke, nightly, qualification, gate).</summary>
    public string Suite { get; init; } = "nightly";

    public required ResultsLayout Results { get; init; }

    /// <summary>The latency suite's pacing rate: 1 kHz, a USB full-speed HID polling interval.</summary>
    public int RateHz { get; init; } = 1000;

    public GateSettings Gate { get; init; } = new();

    /// <summary>Where the gate's stored baselines live, absolute.</summary>
    public required string Baselines { get; init; }
}

/// <summary>
/// How the gate suite measures. Shorter than the latency suite's runs so a sim baseline measured
/// in the run stays within ./hil test's time; a real rig sets what its stored baseline runs used
/// (the gate refuses other sizes).
/// </summary>
public sealed record GateSettings
{
    public long Samples { get; init; } = 5000;

    public int RateHz { get; init; } = 2000;

    /// <summary>The least delay the check injects, in % of the run's median (the end-to-end figure).</summary>
    public double InjectPercent { get; init; } = 20;

    /// <summary>Clean runs measured first when the sim rig has no stored baseline for this host (5: 4 df for the t-test).</summary>
    public int SimBaselineRuns { get; init; } = 5;
}
