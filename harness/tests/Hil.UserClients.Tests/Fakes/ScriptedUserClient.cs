namespace Hil.UserClients.Tests.Fakes;

/// <summary>An in-memory IUserClient that answers each selector from a script; records what it was asked.</summary>
internal sealed class ScriptedUserClient : IUserClient
{
    public string Endpoint => "scripted";

    public Dictionary<uint, (IOReturn Status, ulong[] Scalars, byte[] Data)> Answers { get; } = [];

    public List<(uint Selector, ulong[] Scalars, byte[] Data)> Calls { get; } = [];

    public IMappedMemory? Mapping { get; set; }

    public CallResult Call(uint selector, ReadOnlySpan<ulong> scalarsIn, ReadOnlySpan<byte> structIn, Span<ulong> scalarsOut, Span<byte> structOut)
    {
        Calls.Add((selector, scalarsIn.ToArray(), structIn.ToArray()));
        var (status, scalars, data) = Answers.TryGetValue(selector, out var a) ? a : (IOReturn.Success, [], []);
        var n = Math.Min(scalars.Length, scalarsOut.Length);
        scalars.AsSpan(0, n).CopyTo(scalarsOut);
        var s = Math.Min(data.Length, structOut.Length);
        data.AsSpan(0, s).CopyTo(structOut);
        return new CallResult(status, n, s);
    }

    public CallResult CallWithCompletion(uint selector, uint reference, AsyncCompletionHandler onCompletion, ReadOnlySpan<ulong> scalarsIn, ReadOnlySpan<byte> structIn, Span<ulong> scalarsOut, Span<byte> structOut) =>
        Call(selector, scalarsIn, structIn, scalarsOut, structOut);

    public IMappedMemory Map(uint memoryType) => Mapping ?? throw new InvalidOperationException("no mapping scripted");

    public void Dispose()
    {
    }
}
