using System.IO.Ports;
using Hil.Foundation;
using Hil.Rigs;

namespace Hil.Power;

/// <summary>Opens real serial devices (USB CDC-ACM, CH340, FTDI VCP) through System.IO.Ports.</summary>
public sealed class SerialPortOpener : IByteStreamOpener
{
    public static SerialPortOpener Instance { get; } = new();

    public Task<Stream> OpenAsync(PowerSwitchSpec spec, SerialLine line, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(line);
        if (string.IsNullOrEmpty(spec.Port))
        {
            throw new InputException($"{spec.Where}: power.{spec.Name}.port: a {spec.Kind} board needs a serial device path, e.g. /dev/ttyACM0");
        }

        if (!File.Exists(spec.Port))
        {
            // SerialPort reports a missing device as "access denied"; say what is really wrong.
            throw new RigFaultException($"{spec.Kind} board '{spec.Name}': serial device {spec.Port} does not exist (unplugged, or its name changed)");
        }

        // DtrEnable false before Open: Open otherwise asserts DTR with an ioctl that ptys (and some
        // CDC devices) reject with ENOTTY (dotnet/runtime#31523); DTR is raised after Open where it can be.
        var port = new SerialPort(spec.Port, line.BaudRate, Parity.None, 8, line.StopBits == 2 ? StopBits.Two : StopBits.One)
        {
            Handshake = Handshake.None,
            DtrEnable = false,
            ReadTimeout = SerialPort.InfiniteTimeout,
            WriteTimeout = 2000,
        };
        try
        {
            port.Open();
            RaiseDtrWhereSupported(port);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            port.Dispose();
            throw new RigFaultException($"{spec.Kind} board '{spec.Name}': cannot open serial port {spec.Port}: {e.Message}", e);
        }

        return Task.FromResult<Stream>(new OwningStream(port.BaseStream, port));
    }

    /// <summary>Some CDC-ACM firmwares only talk while DTR is up; a pty has no modem lines and refuses.</summary>
    private static void RaiseDtrWhereSupported(SerialPort port)
    {
        try
        {
            port.DtrEnable = true;
        }
        catch (IOException)
        {
            // No modem control lines here (a pty): the board behind it does not need them.
        }
    }

    /// <summary>BaseStream does not close its SerialPort; this keeps the port's lifetime tied to the stream.</summary>
    private sealed class OwningStream(Stream inner, IDisposable owner) : PassThroughStream(inner)
    {
        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                owner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
