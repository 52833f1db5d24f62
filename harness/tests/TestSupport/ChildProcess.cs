using System.Diagnostics;
using System.Text;

namespace Hil.TestSupport;

/// <summary>
/// A process a test starts, signals and waits for, with its stdout and stderr kept together; whatever
/// still runs at dispose is killed with its whole tree. Every wait names what it waited for.
/// </summary>
public sealed class ChildProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ChildProcess(Process process) => _process = process;

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Everything the process printed so far, both streams.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts <paramref name="program"/> with SIGINT's default action, whatever this test run inherited (<see cref="DefaultSignals"/>).</summary>
    public static ChildProcess Start(
        string program, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        (program, var argv) = DefaultSignals.Command(program, arguments);
        var info = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Directory.GetCurrentDirectory(),
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        foreach (var argument in argv)
        {
            info.ArgumentList.Add(argument);
        }

        var child = new ChildProcess(Process.Start(info)!);
        child._process.OutputDataReceived += (_, e) => child.Append(e.Data);
        child._process.ErrorDataReceived += (_, e) => child.Append(e.Data);
        child._process.BeginOutputReadLine();
        child._process.BeginErrorReadLine();
        return child;
    }

    /// <summary>`dotnet exec DLL ARGS` with the SDK's own host when the test platform names it.</summary>
    public static ChildProcess StartDotnet(
        string dll, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null) =>
        Start(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet", ["exec", dll, .. arguments], environment, workingDirectory);

    /// <summary>Sends a signal by name (TERM, INT, KILL) through kill(1), as CI's runner would.</summary>
    public async Task SignalAsync(string signal, CancellationToken ct)
    {
        using var kill = Process.Start("kill", $"-{signal} {Pid}");
        await kill.WaitForExitAsync(ct);
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill -{signal} {Pid} exited with {kill.ExitCode}");
        }
    }

    /// <summary>The exit code, once the process ended within <paramref name="timeout"/>.</summary>
    /// <exception cref="TimeoutException">Names <paramref name="what"/> and the time waited.</exception>
    public async Task<int> ExitAsync(TimeSpan timeout, string what, CancellationToken ct)
    {
        try
        {
            await _process.WaitForExitAsync(ct).WaitAsync(timeout, ct);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"timed out after {timeout.TotalSeconds:0} s waiting for {what} (pid {Pid}) to exit; it printed: {Output}");
        }

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

    private void Append(string? line)
    {
        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
