using System.Text;
using Hil.Power;
using Hil.Rigs;

namespace Hil.Sim.Relays;

/// <summary>
/// A dcttech "USBRelayN" HID board (relays.md §1) as the HID layer sees it: GET_REPORT
/// (feature) answers [ID×5, 00, 00, bitmask]; SET_REPORT [cmd, relay, 0…] with FF on, FD off,
/// FE all on, FC all off, FA + 5 chars sets the ID. <see cref="BusyOpens"/> makes the next
/// opens fail as when another process holds the device.
/// </summary>
internal sealed class DcttechEmulator : RelayEmulatorBase, IRelayEmulatorFactory
{
    private readonly ManualResetEventSlim _released = new(false);
    private int _busyOpens;

    public DcttechEmulator(string boardId, int channels, string path)
        : base("dcttech", channels)
    {
        BoardId = boardId;
        Path = path;
    }

    static string IRelayEmulatorFactory.Emulates => "dcttech";

    public string BoardId { get; private set; }

    public string Path { get; }

    public HidDeviceInfo Info => new(Path, DcttechBoard.VendorId, DcttechBoard.ProductId, "www.dcttech.com", $"USBRelay{Channels}", null);

    /// <summary>How many of the next opens fail with "busy" before one succeeds.</summary>
    public int BusyOpens
    {
        get => Volatile.Read(ref _busyOpens);
        set => Volatile.Write(ref _busyOpens, value);
    }

    /// <summary>The sim's board: ID from the rig's <c>serial</c> (SIM01 without one), on a hidraw path of its own.</summary>
    static RelayEmulatorBase IRelayEmulatorFactory.Create(PowerSwitchSpec spec) =>
        new DcttechEmulator(spec.Serial ?? "SIM01", spec.Channels, $"sim-hidraw-{spec.Name}");

    public override void Vanish()
    {
        base.Vanish();
        _released.Set();
    }

    internal IHidDevice Open()
    {
        if (Vanished)
        {
            throw new IOException($"hid_open_path({Path}) failed: No such device");
        }

        if (Interlocked.Decrement(ref _busyOpens) >= 0)
        {
            throw new IOException($"hid_open_path({Path}) failed: Device or resource busy");
        }

        Interlocked.Exchange(ref _busyOpens, 0);
        return new Device(this);
    }

    private byte[] Report()
    {
        Hang();
        var id = Encoding.ASCII.GetBytes(BoardId.PadRight(5, '\0'));
        byte[] report = [.. id[..5], 0x00, 0x00, (byte)Mask()];
        return TakeGarble() ? Garble(report) : report;
    }

    private void Apply(ReadOnlySpan<byte> report)
    {
        Hang();
        switch (report[0])
        {
            case DcttechBoard.CmdOn or DcttechBoard.CmdOff:
                Set(report[1], report[0] == DcttechBoard.CmdOn);
                break;
            case 0xFE or 0xFC:
                for (var ch = 1; ch <= Channels; ch++)
                {
                    Set(ch, report[0] == 0xFE);
                }

                break;
            case 0xFA:
                BoardId = Encoding.ASCII.GetString(report.Slice(1, 5));
                break;
        }
    }

    /// <summary>A board that stopped answering blocks the control transfer until it is unplugged or answers again.</summary>
    private void Hang()
    {
        while (StopAnswering && !Vanished)
        {
            _released.Wait(TimeSpan.FromMilliseconds(50));
        }

        if (Vanished)
        {
            throw new IOException($"{Path}: No such device");
        }
    }

    private sealed class Device(DcttechEmulator board) : IHidDevice
    {
        public byte[] GetFeatureReport(int length) => board.Report()[..Math.Min(length, DcttechBoard.ReportLength)];

        public void SendFeatureReport(ReadOnlySpan<byte> report) => board.Apply(report);

        public void Dispose()
        {
        }
    }
}
