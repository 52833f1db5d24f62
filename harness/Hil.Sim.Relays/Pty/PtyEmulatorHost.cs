using Hil.Foundation;

namespace Hil.Sim.Relays;

/// <summary>
/// Serves a serial emulator on a fresh pseudo-terminal, optionally behind a stable symlink
/// (the path a rig file names). Disposing stops serving, closes the pty and removes the link.
/// </summary>
public sealed class PtyEmulatorHost : IAsyncDisposable
{
    private readonly PseudoTerminal _pty;
    private readonly CancellationTokenSource _stop = new();

    private PtyEmulatorHost(SerialRelayEmulator emulator, PseudoTerminal pty, string? link)
    {
        Emulator = emulator;
        _pty = pty;
        Link = link;
        Serving = emulator.ServeAsync(pty.Master, _stop.Token);
    }

    public SerialRelayEmulator Emulator { get; }

    public string SlavePath => _pty.SlavePath;

    /// <summary>The symlink to <see cref="SlavePath"/>, when one was asked for.</summary>
    public string? Link { get; }

    /// <summary>What a rig file names: the link when there is one, otherwise the pty itself.</summary>
    public string Port => Link ?? SlavePath;

    public Task Serving { get; }

    public static PtyEmulatorHost Start(SerialRelayEmulator emulator, string? link)
    {
        ArgumentNullException.ThrowIfNull(emulator);
        var pty = PseudoTerminal.Open();
        try
        {
            if (link is not null)
            {
                Relink(link, pty.SlavePath);
            }

            return new PtyEmulatorHost(emulator, pty, link);
        }
        catch
        {
            pty.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _pty.Dispose();
        await Serving.ConfigureAwait(false);
        if (Link is not null && new FileInfo(Link).LinkTarget == SlavePath)
        {
            File.Delete(Link);
        }

        _stop.Dispose();
    }

    private static void Relink(string link, string target)
    {
        var existing = new FileInfo(link);
        if (existing.Exists || existing.LinkTarget is not null)
        {
            if (existing.LinkTarget is null)
            {
                throw new InputException($"--link {link}: a file that is not a symlink is in the way; refusing to replace it");
            }

            File.Delete(link);
        }

        File.CreateSymbolicLink(link, target);
    }
}
