namespace Hil.Power;

/// <summary>One HID device as the HID layer enumerates it.</summary>
public sealed record HidDeviceInfo(
    string Path, ushort VendorId, ushort ProductId, string? Manufacturer, string? Product, string? SerialNumber);

/// <summary>
/// The slice of hidapi the relay drivers use, so protocol logic is tested against an
/// emulator. Failures (device busy, gone, I/O error) are <see cref="IOException"/>.
/// </summary>
public interface IHidBackend
{
    IReadOnlyList<HidDeviceInfo> Enumerate(ushort vendorId, ushort productId);

    IHidDevice Open(string path);
}

/// <summary>An open HID device. Reports are the device's bytes without a report-ID prefix.</summary>
public interface IHidDevice : IDisposable
{
    byte[] GetFeatureReport(int length);

    void SendFeatureReport(ReadOnlySpan<byte> report);
}

/// <summary>Lets the sim's opener supply emulated HID boards for switches with <c>port: sim</c>.</summary>
public interface IHidBackendSource
{
    IHidBackend HidFor(Hil.Rigs.PowerSwitchSpec spec);
}
