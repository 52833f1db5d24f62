using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Hil.Foundation;
using Hil.Latency.Files;
using Hil.UserClients.Probe;

namespace Hil.Latency.Running;

/// <summary>
/// Runs hil-floor (PROTOCOL.md §7) and picks the floor of a topology's primitive:
/// app-relay → socket_relay, one-process → in_process_call, shared-ring → shm_handoff.
/// </summary>
public static class FloorTool
{
    public static string PrimitiveOf(Topology topology) => topology switch
    {
        Topology.AppRelay => "socket_relay",
        Topology.OneProcess => "in_process_call",
        Topology.SharedRing => "shm_handoff",
        _ => throw new ArgumentOutOfRangeException(nameof(topology), topology, "not a topology"),
    };

    /// <summary>Where CMake puts hil-floor: build/dext/hil-floor.</summary>
    public static string DefaultBinary(string repositoryRoot) => Path.Combine(repositoryRoot, "build", "dext", "hil-floor");

    /// <summary>The floor of one topology's primitive, measured alone (for runs that cannot have it beside them).</summary>
    public static async Task<FloorFigures> MeasureAsync(string binary, Topology topology, long samples, int rateHz, TimeProvider time, CancellationToken cancellationToken)
    {
        var primitive = PrimitiveOf(topology);
        var json = await RunAsync(binary, Arguments(samples, rateHz) + $" --only {primitive}", samples, rateHz, time, cancellationToken).ConfigureAwait(false);
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

    internal static string Arguments(long samples, int rateHz) =>
        string.Create(CultureInfo.InvariantCulture, $"--samples {samples} --rate {rateHz} --json");

    /// <summary>Runs hil-floor to its end and returns its JSON; on timeout or cancellation it and its children are killed.</summary>
    internal static async Task<string> RunAsync(string binary, string arguments, long messages, int rateHz, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!File.Exists(binary))
        {
            throw new InfrastructureException($"{binary}: hil-floor not found; build it with `cmake -S dext -B build/dext && cmake --build build/dext`");
        }

        var info = new ProcessStartInfo(binary, arguments) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        using var process = Process.Start(info) ?? throw new InfrastructureException($"{binary}: could not start");
        var command = $"{binary} {arguments}";
        var timeout = TimeSpan.FromSeconds(30 + (2.0 * messages / Math.Max(1, rateHz)));
        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        try
        {
            await process.WaitForExitAsync(cancellationToken).WithTimeout(timeout, $"{command} to finish", FaultKind.InfrastructureFault, time, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is WaitTimeoutException or OperationCanceledException)
        {
            // hil-floor forks its floor processes: the whole tree goes, not just the parent.
            process.Kill(entireProcessTree: true);
            throw;
        }

        if (process.ExitCode != 0)
        {
            throw new InfrastructureException($"{command} exited {process.ExitCode}: {(await stderr.ConfigureAwait(false)).Trim()}");
        }

        return await stdout.ConfigureAwait(false);
    }
}
