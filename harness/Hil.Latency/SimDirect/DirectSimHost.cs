using System.Diagnostics;
using System.Text.Json;
using Hil.Foundation;
using Hil.UserClients.Probe;
using Hil.UserClients.Sim;

namespace Hil.Latency.SimDirect;

/// <summary>
/// Driver1 and Driver2 of the probe dext in hil-simhost processes laid out for one topology
/// (one process for one-process, two for app-relay and shared-ring), with typed clients.
/// A stop-gap for latency runs and the gate calibration while the sim kernel (which matches
/// the dext's Info.plist and launches the same binary) is being built: it starts the same
/// processes without plist matching. Disposing stops the processes it started, by pid.
/// </summary>
public sealed class DirectSimHost : IDisposable
{
    private readonly List<Process> processes = [];
    private readonly string directory;

    private DirectSimHost(string directory) => this.directory = directory;

    public ProbeDriverClient Driver1 { get; private set; } = null!;

    public ProbeDriverClient Driver2 { get; private set; } = null!;

    public IReadOnlyList<int> ProcessIds => processes.Select(p => p.Id).ToList();

    /// <summary>Where hil-simhost is built by default (cmake -B build/dext), relative to the repository root.</summary>
    public static string DefaultBinary(string repositoryRoot) => Path.Combine(repositoryRoot, "build", "dext", "hil-simhost");

    public static async Task<DirectSimHost> StartAsync(
        string binary, string entitlementToken, Topology topology, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!File.Exists(binary))
        {
            throw new InfrastructureException($"{binary}: hil-simhost not found; build it with `cmake -S dext -B build/dext && cmake --build build/dext`");
        }

        var host = new DirectSimHost(Directory.CreateTempSubdirectory("hil-lat-").FullName);
        try
        {
            var layout = topology == Topology.OneProcess
                ? new[] { new[] { "driver1:d1", "driver2:d2" } }
                : [["driver1:d1"], ["driver2:d2"]];
            foreach (var drivers in layout)
            {
                await host.LaunchAsync(binary, entitlementToken, drivers, time, cancellationToken).ConfigureAwait(false);
            }

            var timeout = TimeSpan.FromSeconds(5);
            host.Driver1 = new ProbeDriverClient(SimUserClient.Open(Path.Combine(host.directory, "d1.sock"), entitlementToken, timeout));
            host.Driver2 = new ProbeDriverClient(SimUserClient.Open(Path.Combine(host.directory, "d2.sock"), entitlementToken, timeout));
            return host;
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        Driver1?.Dispose();
        Driver2?.Dispose();
        foreach (var p in processes)
        {
            Stop(p);
        }

        processes.Clear();
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private async Task LaunchAsync(string binary, string token, string[] drivers, TimeProvider time, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(binary)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = false,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "--server-name", $"hil-lat-{processes.Count}", "--entitlement", token, "--dir", directory })
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var d in drivers)
        {
            info.ArgumentList.Add("--driver");
            info.ArgumentList.Add(d);
        }

        var process = Process.Start(info) ?? throw new InfrastructureException($"{binary}: could not start");
        processes.Add(process);
        var what = $"the ready event of hil-simhost pid {process.Id} ({string.Join(", ", drivers)})";
        var line = await ReadReadyAsync(process).WithTimeout(TimeSpan.FromSeconds(10), what, FaultKind.InfrastructureFault, time, cancellationToken).ConfigureAwait(false);
        if (line is null)
        {
            throw new InfrastructureException($"hil-simhost pid {process.Id} exited before {what}");
        }
    }

    private static async Task<string?> ReadReadyAsync(Process process)
    {
        while (await process.StandardOutput.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            using var doc = JsonDocument.Parse(line);
            if (doc.RootElement.TryGetProperty("event", out var e) && e.GetString() == "ready")
            {
                // Keep draining stdout so the host never blocks on a full pipe.
                _ = Task.Run(async () =>
                {
                    while (await process.StandardOutput.ReadLineAsync().ConfigureAwait(false) is not null)
                    {
                    }
                });
                return line;
            }
        }

        return null;
    }

    /// <summary>quit on stdin, then SIGKILL by pid if it has not gone within 5 s.</summary>
    private static void Stop(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.StandardInput.WriteLine("quit");
                process.StandardInput.Flush();
                if (!process.WaitForExit(5000))
                {
                    process.Kill();
                    process.WaitForExit(5000);
                }
            }
        }
        catch (Exception e) when (e is IOException or InvalidOperationException)
        {
            // Already gone: its pipe closed under us.
        }
        finally
        {
            process.Dispose();
        }
    }
}
