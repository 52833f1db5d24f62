using System.Text;

namespace Hil.UserClients;

/// <summary>What a call returned: its status and how much of the caller's output buffers it filled.</summary>
public readonly record struct CallResult(IOReturn Status, int ScalarCount, int StructLength);

/// <summary>An OSAction completion fired by the driver (async frame, DESIGN.md §5). Runs on the client's completion thread.</summary>
public delegate void AsyncCompletionHandler(uint reference, IOReturn status, ReadOnlySpan<ulong> args);

/// <summary>Memory a driver shares with the app (CopyClientMemoryForType / IOConnectMapMemory64).</summary>
public interface IMappedMemory : IDisposable
{
    string Name { get; }

    long Size { get; }

    /// <summary>Base address; valid until disposed.</summary>
    unsafe byte* Pointer { get; }

    /// <summary>
    /// The struct input that hands this mapping to another driver (HandOverSharedRing). Across
    /// processes the app must pass the memory itself: on IOKit the mapped bytes, which a struct
    /// input over 4096 bytes carries out of line and the dext receives as
    /// <c>structureInputDescriptor</c> over the same pages. The sim wire carries no memory, so
    /// the sim (this default) sends the shm object's name, which the driver opens.
    /// </summary>
    ReadOnlySpan<byte> HandOverInput => Encoding.UTF8.GetBytes(Name);
}

/// <summary>
/// A connection to one driver instance, shaped like IOConnectCallMethod so it has one form
/// on a Mac (IOKit.framework) and in the sim (dext/PROTOCOL.md §2). Calls are synchronous
/// like IOConnectCallMethod and bounded by the client's call timeout, whose error names the
/// endpoint and selector. Output spans are filled up to their length.
/// </summary>
public interface IUserClient : IDisposable
{
    string Endpoint { get; }

    CallResult Call(
        uint selector, ReadOnlySpan<ulong> scalarsIn, ReadOnlySpan<byte> structIn,
        Span<ulong> scalarsOut, Span<byte> structOut);

    /// <summary>
    /// IOConnectCallAsyncMethod: the call carries <paramref name="reference"/>; every later
    /// completion for it reaches <paramref name="onCompletion"/> on the completion thread.
    /// </summary>
    CallResult CallWithCompletion(
        uint selector, uint reference, AsyncCompletionHandler onCompletion,
        ReadOnlySpan<ulong> scalarsIn, ReadOnlySpan<byte> structIn,
        Span<ulong> scalarsOut, Span<byte> structOut);

    IMappedMemory Map(uint memoryType);
}
