using Hil.Power;

namespace Hil.Sim.Relays;

/// <summary>The HID devices of the simulated rig: the dcttech emulators plugged in so far.</summary>
internal sealed class SimHidBus : IHidBackend
{
    private readonly List<DcttechEmulator> _boards = [];
    private readonly Lock _gate = new();

    public void Plug(DcttechEmulator board)
    {
        lock (_gate)
        {
            _boards.Add(board);
        }
    }

    public IReadOnlyList<HidDeviceInfo> Enumerate(ushort vendorId, ushort productId)
    {
        lock (_gate)
        {
            return [.. _boards.Where(b => !b.Vanished && b.Info.VendorId == vendorId && b.Info.ProductId == productId).Select(b => b.Info)];
        }
    }

    public IHidDevice Open(string path)
    {
        DcttechEmulator? board;
        lock (_gate)
        {
            board = _boards.FirstOrDefault(b => b.Path == path);
        }

        return board?.Open() ?? throw new IOException($"hid_open_path({path}) failed: No such device");
    }
}
