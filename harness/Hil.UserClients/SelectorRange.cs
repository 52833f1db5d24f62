namespace Hil.UserClients;

/// <summary>
/// A dext's user client answers the kit's selectors from a base of its own (dext/kit/method_table.h's
/// <c>SelectorRange</c>; the rig file's <c>dext.selector_base</c>). The harness speaks the kit's
/// 0..15; this adds the base on the way out, so every caller stays in the kit's numbering.
/// </summary>
public static class SelectorRange
{
    /// <summary><paramref name="client"/> itself at base 0 (the probe); else a client that adds <paramref name="selectorBase"/> to each selector.</summary>
    public static IUserClient At(IUserClient client, uint selectorBase)
    {
        ArgumentNullException.ThrowIfNull(client);
        return selectorBase == 0 ? client : new Offset(client, selectorBase);
    }

    private sealed class Offset(IUserClient inner, uint selectorBase) : IUserClient
    {
        public string Endpoint => inner.Endpoint;

        public CallResult Call(uint selector, ReadOnlySpan<ulong> scalarsIn, ReadOnlySpan<byte> structIn, Span<ulong> scalarsOut, Span<byte> structOut) =>
            inner.Call(checked(selectorBase + selector), scalarsIn, structIn, scalarsOut, structOut);

        public CallResult CallWithCompletion(
            uint selector, uint reference, AsyncCompletionHandler onCompletion, ReadOnlySpan<ulong> scalarsIn, ReadOnlySpan<byte> structIn,
            Span<ulong> scalarsOut, Span<byte> structOut) =>
            inner.CallWithCompletion(checked(selectorBase + selector), reference, onCompletion, scalarsIn, structIn, scalarsOut, structOut);

        public IMappedMemory Map(uint memoryType) => inner.Map(memoryType);

        public void Dispose() => inner.Dispose();
    }
}
