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

    /// <summary>build/dext/tools/hil-floor as the issue names it, else build/dext/hil-floor where CMake puts it today.</summary>
    public static string DefaultBinary(string repositoryRoot)
    {
        var tools = Path.Combine(repositoryRoot, "build", "dext", "tools", "hil-floor");
        return File.Exists(tools) ? tools : Path.Combine(repositoryRoot, "build", "dext", "hil-floor");
    }

    /// <summary>The floor of one topology's primitive (runs hil-floor once for it).</summary>
    public static async Task<FloorFigures> MeasureAsync(string binary, Topology topology, long samples, int rateHz, TimeProvider time, CancellationToken cancellationToken) =>
        (await MeasureAllAsync(binary, samples, rateHz, time, cancellationToken).ConfigureAwait(false)).For(topology);

    /// <summary>One hil-floor run: the floors of every topology's primitive, measured side by side.</summary>
    public static async Task<FloorSet> MeasureAllAsync(string binary, long samples, int rateHz, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!File.Exists(binary))
        {
            throw new InfrastructureException($"{binary}: hil-floor not found; build it with `cmake -S dext -B build/dext && cmake --build build/dext`");
        }

        var info = new ProcessStartInfo(binary) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "--samples", samples.ToString(CultureInfo.InvariantCulture), "--rate", rateHz.ToString(CultureInfo.InvariantCulture), "--json" })
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info) ?? throw new InfrastructureException($"{binary}: could not start");
        var command = $"{binary} {string.Join(' ', info.ArgumentList)}";
        var timeout = TimeSpan.FromSeconds(30 + (2.0 * samples / Math.Max(1, rateHz)));
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken).WithTimeout(timeout, $"{command} to finish", FaultKind.InfrastructureFault, time, cancellationToken).ConfigureAwait(false);
        }
        catch (WaitTimeoutException)
        {
            process.Kill();
            throw;
        }

        if (process.ExitCode != 0)
        {
            throw new InfrastructureException($"{command} exited {process.ExitCode}: {(await stderr.ConfigureAwait(false)).Trim()}");
        }

        var json = await stdout.ConfigureAwait(false);
        return new FloorSet(Enum.GetValues<Topology>().ToDictionary(t => t, t => Parse(json, PrimitiveOf(t), command)));
    }

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
}

/// <summary>The floors one hil-floor run measured, by the topology whose primitive each one is.</summary>
public sealed record FloorSet(IReadOnlyDictionary<Topology, FloorFigures> ByTopology)
{
    public FloorFigures For(Topology topology) => ByTopology[topology];
}
