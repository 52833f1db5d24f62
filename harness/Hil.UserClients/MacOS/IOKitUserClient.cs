using Hil.Foundation;
using Hil.MacInterop;

namespace Hil.UserClients.MacOS;

/// <summary>
/// <see cref="IUserClient"/> on a Mac through IOKit.framework: IOServiceOpen on the dext's
/// service (matched by its IOUserClass name), IOConnectCallMethod, IOConnectCallAsyncMethod
/// with completions on a dedicated CFRunLoop thread, IOConnectMapMemory64.
/// Runs against Apple's IOKit on a Mac and against libhil-macos-twin on the macos-twin rig. This is a thin shell: argument checks (<see cref="CallArguments"/>),
/// sizes and layouts (<see cref="IOKitMarshal"/>) and error mapping
/// (<see cref="UserClientErrors"/>) are shared with the sim backend and tested on Linux.
/// IOKit calls block without a timeout (IOConnectCallMethod has none); a hung dext hangs the
/// caller, which the sim backend's call timeout exists to catch before a Mac run.
/// </summary>
public sealed unsafe class IOKitUserClient : IUserClient
{
    private readonly uint connection;
    private readonly uint task;
    private readonly Lock gate = new();
    private IOKitCompletionThread? completions;
    private bool disposed;

    private IOKitUserClient(string serviceName, uint connection, uint task)
    {
        Endpoint = serviceName;
        this.connection = connection;
        this.task = task;
    }

    public string Endpoint { get; }

    /// <param name="serviceName">
    /// The service's registry ID in 0x-hex (the endpoint the Mac dext host reports, one instance),
    /// or its IOUserClass (the kernel renames the dext's service to it; the first of that name).
    /// </param>
    public static IOKitUserClient Open(string serviceName, uint type = 0)
    {
        ArgumentException.ThrowIfNullOrEmpty(serviceName);
        if (!MacLibraries.Available)
        {
            throw new InfrastructureException($"user client {serviceName}: the IOKit backend runs only on macOS or the macos-twin rig; use the sim rig here");
        }

        var matching = RegistryId(serviceName) is { } id ? IOKitNative.IORegistryEntryIDMatching(id) : IOKitNative.IOServiceNameMatching(serviceName);
        var kr = IOKitNative.IOServiceGetMatchingServices(IOKitNative.MainPortDefault, matching, out var iterator);
        if (kr != 0)
        {
            throw UserClientException.Dead(serviceName, IOReturnText.FromKernReturn(kr), $"IOServiceGetMatchingServices answered {IOReturnText.Describe(IOReturnText.FromKernReturn(kr))}");
        }

        var service = IOKitNative.IOIteratorNext(iterator);
        _ = IOKitNative.IOObjectRelease(iterator);
        if (service == 0)
        {
            throw UserClientErrors.NoService(serviceName);
        }

        var task = IOKitNative.TaskSelf();
        kr = IOKitNative.IOServiceOpen(service, task, type, out var connect);
        _ = IOKitNative.IOObjectRelease(service);
        return kr == 0 ? new IOKitUserClient(serviceName, connect, task) : throw UserClientErrors.OpenRefused(serviceName, IOReturnText.FromKernReturn(kr));
    }

    /// <summary>A 0x-hex registry ID, as MacRegistryMap writes endpoints; null for a class name.</summary>
    internal static ulong? RegistryId(string endpoint) =>
        endpoint.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
        && ulong.TryParse(endpoint.AsSpan(2), System.Globalization.NumberStyles.AllowHexSpecifier, System.Globalization.CultureInfo.InvariantCulture, out var id)
            ? id : null;

    public CallResult Call(
        uint selector, ReadOnlySpan<ulong> scalarsIn, ReadOnlySpan<byte> structIn,
        Span<ulong> scalarsOut, Span<byte> structOut) =>
        Invoke(selector, scalarsIn, structIn, scalarsOut, structOut, completion: null);

    public CallResult CallWithCompletion(
        uint selector, uint reference, AsyncCompletionHandler onCompletion,
        ReadOnlySpan<ulong> scalarsIn, ReadOnlySpan<byte> structIn,
        Span<ulong> scalarsOut, Span<byte> structOut) =>
        Invoke(selector, scalarsIn, structIn, scalarsOut, structOut,
            (reference, onCompletion ?? throw new ArgumentNullException(nameof(onCompletion))));

    public IMappedMemory Map(uint memoryType)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        var kr = IOKitNative.IOConnectMapMemory64(connection, memoryType, task, out var address, out var size, IOKitNative.MapAnywhere);
        return kr == 0
            ? new Mapping(this, memoryType, address, (long)size)
            : throw UserClientException.Refused(Endpoint, $"IOConnectMapMemory64 of memoryType {memoryType}", IOReturnText.FromKernReturn(kr));
    }

    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        completions?.Dispose();
        _ = IOKitNative.IOServiceClose(connection);
    }

    /// <summary>IOConnectCallMethod, or IOConnectCallAsyncMethod when a completion is given; both take the same buffers.</summary>
    private CallResult Invoke(
        uint selector, ReadOnlySpan<ulong> scalarsIn, ReadOnlySpan<byte> structIn, Span<ulong> scalarsOut, Span<byte> structOut,
        (uint Reference, AsyncCompletionHandler Handler)? completion)
    {
        // A struct input over 4096 bytes goes out of line (IOKitLib.c), so only the span bounds it.
        CallArguments.Validate(Endpoint, selector, scalarsIn.Length, structIn.Length, scalarsOut.Length, maxStructIn: int.MaxValue);
        ObjectDisposedException.ThrowIf(disposed, this);
        Span<ulong> asyncRef = stackalloc ulong[IOKitMarshal.AsyncRefCount];
        var (wakePort, refCount) = (0u, 0u);
        if (completion is { } async)
        {
            var loop = CompletionThread();
            wakePort = loop.WakePort;
            refCount = IOKitMarshal.BuildAsyncReference(asyncRef, IOKitCompletionThread.Callback, loop.Target(Endpoint, async.Reference, async.Handler));
        }

        var outCount = IOKitMarshal.ScalarOutCapacity(scalarsOut.Length);
        var structCount = (nuint)structOut.Length;
        fixed (ulong* ar = asyncRef)
        fixed (ulong* si = scalarsIn)
        fixed (byte* ti = structIn)
        fixed (ulong* so = scalarsOut)
        fixed (byte* to = structOut)
        {
            var kr = completion is null
                ? IOKitNative.IOConnectCallMethod(
                    connection, selector, si, (uint)scalarsIn.Length, ti, (nuint)structIn.Length, so, &outCount, to, &structCount)
                : IOKitNative.IOConnectCallAsyncMethod(
                    connection, selector, wakePort, ar, refCount,
                    si, (uint)scalarsIn.Length, ti, (nuint)structIn.Length, so, &outCount, to, &structCount);
            return new CallResult(UserClientErrors.CallStatus(Endpoint, selector, kr), (int)outCount, (int)structCount);
        }
    }

    private IOKitCompletionThread CompletionThread()
    {
        lock (gate)
        {
            return completions ??= new IOKitCompletionThread(Endpoint);
        }
    }

    private sealed class Mapping(IOKitUserClient owner, uint memoryType, ulong address, long size) : IMappedMemory
    {
        private ulong mapped = address;

        public string Name { get; } = IOKitMarshal.MappingName(owner.Endpoint, memoryType);

        public long Size { get; } = size;

        public byte* Pointer
        {
            get
            {
                ObjectDisposedException.ThrowIf(mapped == 0, this);
                return (byte*)mapped;
            }
        }

        /// <summary>The mapped pages themselves: IOKit passes them out of line, the dext gets structureInputDescriptor over them.</summary>
        public ReadOnlySpan<byte> HandOverInput => new(Pointer, checked((int)Size));

        public void Dispose()
        {
            if (mapped != 0)
            {
                _ = IOKitNative.IOConnectUnmapMemory64(owner.connection, memoryType, owner.task, mapped);
                mapped = 0;
            }
        }
    }
}
