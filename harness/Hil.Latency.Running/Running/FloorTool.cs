using System.Globalization;
using System.Text.Json;
using Hil.Foundation;
using Hil.Foundation.Processes;
using Hil.Latency.Files;
using Hil.Latency.Statistics;
using Hil.UserClients.Probe;

namespace Hil.Latency.Running;

/// <summary>Runs hil-floor (PROTOCOL.md §7) and picks the floor of a topology's primitive (its row in <see cref="Topologies"/>).</summary>
internal static class FloorTool
{
    public static string PrimitiveOf(Topology topology) => Topologies.Of(topology).FloorPrimitive;

    /// <summary>Where CMake puts hil-floor (<see cref="NativeBinary.Floor"/>).</summary>
    public static string DefaultBinary(string repositoryRoot) => NativeBinary.Floor.PathUnder(repositoryRoot);

    /// <summary>
    /// Why <paramref name="binary"/> cannot run (absent, or not executable), as the warning of a run
    /// measured without it; null when it can. The floor is a measurement's context, not its evidence: a
    /// host without a usable hil-floor still measures the product (exit 0), its figures have no floor to
    /// be read against, and a gate that needs the floor refuses the file (rigs/README.md, floor-tool-missing).
    /// </summary>
    public static LatencyWarning? Missing(string binary)
    {
        ArgumentNullException.ThrowIfNull(binary);
        var why = !File.Exists(binary) ? "absent"
            : !OperatingSystem.IsWindows() && (File.GetUnixFileMode(binary) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) == 0 ? "not executable"
            : null;
        return why is null ? null
            : new LatencyWarning(LatencyWarning.FloorMissing, $"the floor was not measured: {binary} is {why}, so these figures have no floor to be read against; {BuildHint}");
    }

    /// <summary>The floor of one topology's primitive, measured alone (for runs that cannot have it beside them).</summary>
    public static async Task<FloorFigures> MeasureAsync(string binary, Topology topology, long samples, int rateHz, TimeProvider time, CancellationToken cancellationToken)
    {
        var primitive = PrimitiveOf(topology);
        var json = await RunAsync(binary, [.. Arguments(samples, rateHz), "--only", primitive], samples, rateHz, time, cancellationToken).ConfigureAwait(false);
        return Parse(json, primitive, $"{binary} --only {primitive}") with { Placement = FloorPlacements.Alone };
    }

    /// <summary>
    /// The floor of the topology's primitive, to be measured while the topology's burst runs,
    /// on the burst's own schedule (<see cref="BesideFloor"/>); started by the probe once the burst has.
    /// </summary>
    public static BesideFloor Beside(string binary, Topology topology, TimeProvider time, CancellationToken cancellationToken) =>
        new(binary, PrimitiveOf(topology), time, cancellationToken);

    public static FloorFigures Parse(string json, string primitive, string where)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            var f = doc.RootElement.GetProperty("floors").GetProperty(primitive);
            return new FloorFigures(primitive, f.GetProperty("samples").GetInt64(), f.GetProperty("p50_ns").GetInt64(), f.GetProperty("p99_ns").GetInt64(), f.GetProperty("p999_ns").GetInt64());
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new InfrastructureException($"{where}: expected {{\"floors\":{{\"{primitive}\":{{\"samples\",\"p50_ns\",\"p99_ns\",\"p999_ns\"}}}}}} (PROTOCOL.md §7): {e.Message}", e);
        }
    }

    internal static string[] Arguments(long samples, int rateHz) =>
        ["--samples", Text(samples), "--rate", Text(rateHz), "--json"];

    internal static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// Runs hil-floor to its end and returns its JSON. It may take twice its schedule plus 30 s;
    /// on timeout or cancellation the runner kills the whole tree, since hil-floor forks its floor processes.
    /// </summary>
    internal static async Task<string> RunAsync(string binary, IReadOnlyList<string> arguments, long messages, int rateHz, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!File.Exists(binary))
        {
            throw new InfrastructureException($"{binary}: hil-floor not found; {BuildHint}");
        }

        var command = new ProcessCommand(binary, arguments)
        {
            Timeout = TimeSpan.FromSeconds(30 + (2.0 * messages / Math.Max(1, rateHz))),
            MissingHint = BuildHint,
        };
        var outcome = await ProcessRunner.RunAsync(command, time, cancellationToken).ConfigureAwait(false);
        return outcome.EnsureSuccess().StandardOutput;
    }

    private const string BuildHint = $"build it with `{NativeBinary.BuildCommand}`";
}
