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

    private readonly ChildProcess _child;
    private readonly string _readyFile;

    private HelperProcess(ChildProcess child, string readyFile)
    {
        _child = child;
        _readyFile = readyFile;
    }

    public int Pid => _child.Pid;

    /// <summary>What the helper printed (it writes to stderr only).</summary>
    public string Stderr => _child.Output;

    public static async Task<HelperProcess> StartAsync(
        string mode, TempDir locks, TempDir state, CancellationToken ct, IReadOnlyDictionary<string, string>? environment = null)
    {
        var helper = Path.Combine(TestContext.CurrentContext.TestDirectory, "Hil.Session.Tests.Helper.dll");
        var readyFile = state.File("ready");
        var running = new HelperProcess(ChildProcess.StartDotnet(helper, [mode, locks.Path, state.Path, readyFile], environment), readyFile);
        await running.WaitReadyAsync(ct);
        return running;
    }

    /// <summary>Sends a signal by name (TERM, INT, KILL) through kill(1), as CI's runner would.</summary>
    public Task SignalAsync(string signal, CancellationToken ct) => _child.SignalAsync(signal, ct);

    public Task<int> WaitForExitAsync(CancellationToken ct) => _child.ExitAsync(ExitTimeout, "the helper", ct);

    public ValueTask DisposeAsync() => _child.DisposeAsync();

    private async Task WaitReadyAsync(CancellationToken ct)
    {
        async Task Poll()
        {
            while (!File.Exists(_readyFile))
            {
                if (_child.HasExited)
                {
                    throw new InvalidOperationException($"helper exited before it was ready: {Stderr}");
                }

                await Task.Delay(20, ct);
            }
        }

        await Poll().WithTimeout(StartTimeout, $"helper pid {Pid} to lease child-rig", FaultKind.HarnessError, TimeProvider.System, ct);
    }
}
