using System.Text;

namespace Hil.Sim.Relays;

/// <summary>
/// A pseudo-terminal pair: an emulator serves the master, the code under test opens
/// <see cref="SlavePath"/> with the real SerialPort class. The pair is set raw so the line
/// discipline neither echoes nor turns CR into LF, and a slave descriptor is held open so the
/// master does not see a hang-up between clients.
/// </summary>
public sealed class PseudoTerminal : IDisposable
{
    private readonly int _master;
    private readonly int _slaveKeepAlive;
    private int _disposed;

    private PseudoTerminal(int master, int slaveKeepAlive, string slavePath)
    {
        _master = master;
        _slaveKeepAlive = slaveKeepAlive;
        SlavePath = slavePath;
        Master = new PtyMasterStream(master);
    }

    public string SlavePath { get; }

    /// <summary>The device side: what the emulator reads and writes.</summary>
    public Stream Master { get; }

    public static PseudoTerminal Open()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            throw new PlatformNotSupportedException("pseudo-terminals need Linux or macOS");
        }

        var master = LibC.posix_openpt(LibC.ORdWr | LibC.ONoCtty);
        LibC.Check(master, "posix_openpt");
        try
        {
            LibC.Check(LibC.grantpt(master), "grantpt");
            LibC.Check(LibC.unlockpt(master), "unlockpt");
            var name = new byte[256];
            var rc = LibC.ptsname_r(master, name, (nuint)name.Length);
            if (rc != 0)
            {
                throw new IOException($"ptsname_r failed: error {rc}");
            }

            var path = Encoding.ASCII.GetString(name, 0, Array.IndexOf(name, (byte)0));
            var slave = LibC.Open(path, LibC.ORdWr | LibC.ONoCtty);
            LibC.Check(slave, $"open({path})");
            MakeRaw(slave);
            return new PseudoTerminal(master, slave, path);
        }
        catch
        {
            _ = LibC.Close(master);
            throw;
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        Master.Dispose();
        _ = LibC.Close(_slaveKeepAlive);
    }

    internal int MasterFd => _master;

    private static void MakeRaw(int fd)
    {
        // Opaque buffer larger than struct termios on Linux (60 bytes) and macOS (72 bytes).
        var termios = new byte[256];
        LibC.Check(LibC.tcgetattr(fd, termios), "tcgetattr");
        LibC.cfmakeraw(termios);
        LibC.Check(LibC.tcsetattr(fd, 0, termios), "tcsetattr");
    }
}
