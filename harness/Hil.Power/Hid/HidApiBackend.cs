using System.Runtime.InteropServices;
using Hil.Foundation;

namespace Hil.Power;

/// <summary>
/// <see cref="IHidBackend"/> over the real hidapi. Reports travel with report ID 0 in front;
/// whether the reply keeps that byte differs by backend (hidraw and macOS return 9 bytes with
/// the ID first, some return the 8 data bytes alone), so the length decides.
/// </summary>
internal sealed class HidApiBackend : IHidBackend
{
    private static readonly Lazy<string?> LoadError = new(() =>
    {
        if (!HidApiNative.TryLoad(out var error))
        {
            return error;
        }

        return HidApiNative.hid_init() == 0 ? null : "hid_init failed";
    });

    public static HidApiBackend Instance { get; } = new();

    /// <summary>Null when hidapi is usable; otherwise why not, with the install hint.</summary>
    public static string? Unavailable => LoadError.Value;

    public IReadOnlyList<HidDeviceInfo> Enumerate(ushort vendorId, ushort productId)
    {
        EnsureLoaded();
        var head = HidApiNative.hid_enumerate(vendorId, productId);
        var found = new List<HidDeviceInfo>();
        try
        {
            for (var p = head; p != IntPtr.Zero;)
            {
                var info = Marshal.PtrToStructure<HidApiNative.DeviceInfo>(p);
                found.Add(new HidDeviceInfo(
                    Marshal.PtrToStringUTF8(info.Path) ?? "",
                    info.VendorId,
                    info.ProductId,
                    HidApiNative.WideString(info.Manufacturer),
                    HidApiNative.WideString(info.Product),
                    HidApiNative.WideString(info.SerialNumber)));
                p = info.Next;
            }
        }
        finally
        {
            HidApiNative.hid_free_enumeration(head);
        }

        return found;
    }

    public IHidDevice Open(string path)
    {
        EnsureLoaded();
        var handle = HidApiNative.hid_open_path(path);
        if (handle == IntPtr.Zero)
        {
            throw new IOException($"hid_open_path({path}) failed: {HidApiNative.WideString(HidApiNative.hid_error(IntPtr.Zero)) ?? "no reason given"}");
        }

        return new Device(handle, path);
    }

    private static void EnsureLoaded()
    {
        if (LoadError.Value is { } error)
        {
            throw new InfrastructureException(error);
        }
    }

    private sealed class Device(IntPtr handle, string path) : IHidDevice
    {
        public byte[] GetFeatureReport(int length)
        {
            var buffer = new byte[length + 1];
            var n = HidApiNative.hid_get_feature_report(handle, buffer, (nuint)buffer.Length);
            if (n < 0)
            {
                throw new IOException($"hid_get_feature_report on {path} failed: {Error()}");
            }

            return n == length + 1 ? buffer[1..] : buffer[..Math.Min(n, length)];
        }

        public void SendFeatureReport(ReadOnlySpan<byte> report)
        {
            byte[] buffer = [0, .. report];
            if (HidApiNative.hid_send_feature_report(handle, buffer, (nuint)buffer.Length) < 0)
            {
                throw new IOException($"hid_send_feature_report on {path} failed: {Error()}");
            }
        }

        public void Dispose() => HidApiNative.hid_close(handle);

        private string Error() => HidApiNative.WideString(HidApiNative.hid_error(handle)) ?? "no reason given";
    }
}
