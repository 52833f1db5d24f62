using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;

namespace Hil.UserClients.Tests.Integration;

/// <summary>
/// One real hil-simhost process (PROTOCOL.md §6) hosting the given driver instances in a
/// temp directory. Started and stopped by its pid; "ready" is awaited with a named timeout.
/// A missing binary fails the test with how to build it: these tests never skip.
/// </summary>
internal sealed class SimHost : IDisposable
{
    public const string Token = "com.example.hilprobe.userclient-access";
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(10);

    private readonly Process process;
    private readonly string directory;
    private readonly BlockingCollection<string> events = new();

    private SimHost(Process process, string directory)
    {
        this.process = process;
        this.directory = directory;
    }

    public int Pid => process.Id;

    public Dictionary<string, string> Endpoints { get; } = [];

    public static SimHost Start(string serverName, params string[] drivers)
    {
        var binary = Binary();
        var dir = Directory.CreateTempSubdirectory("hil-simhost-").FullName;
        var psi = new ProcessStartInfo(binary)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { "--server-name", serverName, "--entitlement", Token, "--dir", dir })
        {
            psi.ArgumentList.Add(a);
        }

        foreach (var d in drivers)
        {
            psi.ArgumentList.Add("--driver");
            psi.ArgumentList.Add(d);
        }

        var host = new SimHost(Process.Start(psi)!, dir);
        host.process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                host.events.Add(line);
            }
        };
        host.process.ErrorDataReceived += (_, e) =>
        {
            if (!string.IsNullOrEmpty(e.Data))
            {
                TestContext.Progress.WriteLine($"hil-simhost[{host.Pid}]: {e.Data}");
            }
        };
        host.process.BeginOutputReadLine();
        host.process.BeginErrorReadLine();
        host.AwaitReady();
        return host;
    }

    public void Dispose()
    {
        try
        {
            process.StandardInput.WriteLine("quit");
            process.StandardInput.Flush();
        }
        catch (IOException)
        {
            // Already gone (e.g. a crash fault); reaped below.
        }

        if (!process.WaitForExit(TimeSpan.FromSeconds(5)))
        {
            process.Kill();
            process.WaitForExit(TimeSpan.FromSeconds(5));
        }

        process.Dispose();
        Directory.Delete(directory, recursive: true);
    }

    /// <summary>The binary the C++ build produced; fails (never skips) when it is not there.</summary>
    private static string Binary()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Harness.sln")))
        {
            root = root.Parent;
        }

        Assert.That(root, Is.Not.Null, $"no Harness.sln above {AppContext.BaseDirectory}: cannot find the repository root");
        string[] candidates =
        [
            Environment.GetEnvironmentVariable("HIL_SIMHOST") ?? string.Empty,
            Path.Combine(root!.FullName, "build", "dext", "hil-simhost"),
            Path.Combine(root.FullName, "build", "dext", "simhost", "hil-simhost"),
        ];
        var found = candidates.FirstOrDefault(c => c.Length > 0 && File.Exists(c));
        if (found is null)
        {
            Assert.Fail(
                $"hil-simhost is not built (looked at {string.Join(", ", candidates.Where(c => c.Length > 0))}). " +
                "Build it with: cmake -S dext -B build/dext && cmake --build build/dext -j2 --target hil-simhost");
        }

        return found!;
    }

    private void AwaitReady()
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < ReadyTimeout)
        {
            if (!events.TryTake(out var line, ReadyTimeout - watch.Elapsed))
            {
                break;
            }

            using var doc = JsonDocument.Parse(line);
            if (doc.RootElement.GetProperty("event").GetString() != "ready")
            {
                continue;
            }

            foreach (var i in doc.RootElement.GetProperty("instances").EnumerateArray())
            {
                Endpoints[i.GetProperty("instance").GetString()!] = i.GetProperty("endpoint").GetString()!;
            }

            return;
        }

        var exited = process.HasExited ? $"; it exited with {process.ExitCode}" : string.Empty;
        Dispose();
        Assert.Fail($"timed out after {ReadyTimeout.TotalSeconds:0} s waiting for hil-simhost's ready event{exited}");
    }
}
