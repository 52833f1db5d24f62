using System.Diagnostics;
using System.Text;
using Hil.Foundation;

namespace Hil.Session.Tests;

/// <summary>
/// A running Hil.Session.Tests.Helper that leases <c>child-rig</c>. Tests signal it like CI or a
/// user would; whatever still runs at the end is killed by its pid.
/// </summary>
internal sealed class HelperProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(30);

    private readonly Process _process;
    private readonly StringBuilder _stderr = new();
    private readonly string _readyFile;

    private HelperProcess(Process process, string readyFile)
    {
        _process = process;
        _readyFile = readyFile;
    }

    public int Pid => _process.Id;

    public string Stderr
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    public static async Task<HelperProcess> StartAsync(
        string mode, TempDir locks, TempDir state, CancellationToken ct, IReadOnlyDictionary<string, string>? environment = null)
    {
        var helper = Path.Combine(TestContext.CurrentContext.TestDirectory, "Hil.Session.Tests.Helper.dll");
        var readyFile = state.File("ready");
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        foreach (var arg in new[] { "exec", helper, mode, locks.Path, state.Path, readyFile })
        {
            info.ArgumentList.Add(arg);
        }

        var process = Process.Start(info)!;
        var running = new HelperProcess(process, readyFile);
        process.ErrorDataReceived += (_, e) =>
        {
            lock (running._stderr)
            {
                running._stderr.AppendLine(e.Data);
            }
        };
        process.BeginErrorReadLine();
        await running.WaitReadyAsync(ct);
        return running;
    }

    /// <summary>Sends a signal by name (TERM, INT, KILL) through kill(1), as CI's runner would.</summary>
    public async Task SignalAsync(string signal, CancellationToken ct)
    {
        using var kill = Process.Start("kill", $"-{signal} {Pid}");
        await kill.WaitForExitAsync(ct);
        Assert.That(kill.ExitCode, Is.Zero, $"kill -{signal} {Pid}");
    }

    public async Task<int> WaitForExitAsync(CancellationToken ct)
    {
        await _process.WaitForExitAsync(ct)
            .WithTimeout(ExitTimeout, $"helper pid {Pid} to exit", FaultKind.HarnessError, TimeProvider.System, ct);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private async Task WaitReadyAsync(CancellationToken ct)
    {
        async Task Poll()
        {
            while (!File.Exists(_readyFile))
            {
                if (_process.HasExited)
                {
                    throw new InvalidOperationException($"helper exited with {_process.ExitCode} before it was ready: {Stderr}");
                }

                await Task.Delay(20, ct);
            }
        }

        await Poll().WithTimeout(StartTimeout, $"helper pid {Pid} to lease child-rig", FaultKind.HarnessError, TimeProvider.System, ct);
    }
}
