using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Hil.Foundation;

namespace Hil.UserClients.Tests.Integration;

/// <summary>
/// One real hil-simhost process (PROTOCOL.md §6) hosting the given driver instances in a
/// temp directory. Started and stopped by its pid; "ready" is awaited with a named timeout.
/// A missing binary fails the test with how to build it: these tests never skip. Not on
/// ProcessRunner, which runs a command to its end: the host lives through the test and is
/// told what to do on stdin, as the sim kernel's own SimHostProcess does.
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
        var binary = NativeBinary.SimHost.Locate();
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
