using System.Globalization;
using Hil.UserClients.Wire;

namespace Hil.UserClients;

/// <summary>
/// The sizes and layouts the IOKit backend hands to IOConnectCall*Method, kept out of the
/// P/Invoke shell so they are tested on Linux: output counts clamp to what the caller's
/// spans hold (and to kIOUserClientScalarArrayCountMax), the async reference array puts the
/// callback and refcon where IOKit reads them, async args are bounded by 16.
/// </summary>
internal static class IOKitMarshal
{
    /// <summary>kOSAsyncRefCount: the length of an io_async_ref64_t.</summary>
    public const int AsyncRefCount = 8;

    /// <summary>kIOAsyncCalloutFuncIndex / kIOAsyncCalloutRefconIndex / kIOAsyncCalloutCount.</summary>
    public const int CalloutFuncIndex = 1;
    public const int CalloutRefconIndex = 2;
    public const int CalloutCount = 3;

    public static uint ScalarOutCapacity(int spanLength) => (uint)Math.Min(spanLength, WireLimits.MaxScalars);

    /// <summary>Fills an io_async_ref64_t for IOConnectCallAsyncMethod; returns the count to pass.</summary>
    public static uint BuildAsyncReference(Span<ulong> reference, nint callback, nint refcon)
    {
        if (reference.Length < AsyncRefCount)
        {
            throw new ArgumentException($"an async reference holds {AsyncRefCount} u64", nameof(reference));
        }

        reference[..AsyncRefCount].Clear();
        reference[CalloutFuncIndex] = (ulong)callback;
        reference[CalloutRefconIndex] = (ulong)refcon;
        return CalloutCount;
    }

    /// <summary>Copies an IOAsyncCallback's void* args into u64s; more than 16 is the driver's mistake.</summary>
    public static int CopyAsyncArgs(ReadOnlySpan<nint> args, Span<ulong> destination, string endpoint)
    {
        if (args.Length > WireLimits.MaxScalars)
        {
            throw new UserClientException(
                Hil.Foundation.FaultKind.ProductDefect, IOReturn.Overrun, endpoint,
                string.Create(CultureInfo.InvariantCulture, $"async completion with {args.Length} args, expected <= {WireLimits.MaxScalars}"));
        }

        for (var i = 0; i < args.Length; i++)
        {
            destination[i] = unchecked((ulong)args[i]);
        }

        return args.Length;
    }

    /// <summary>Names a mapping the way the sim names shm objects, so logs read alike.</summary>
    public static string MappingName(string serviceName, uint memoryType) =>
        string.Create(CultureInfo.InvariantCulture, $"{serviceName}#memoryType{memoryType}");
}
