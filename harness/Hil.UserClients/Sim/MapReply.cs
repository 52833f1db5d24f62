using System.Text;
using Hil.Foundation;
using Hil.UserClients.Wire;

namespace Hil.UserClients.Sim;

/// <summary>The answer to a map frame: scalars [size_bytes], struct = shm object name (PROTOCOL.md §2).</summary>
internal static class MapReply
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static (string Name, long Size) Parse(string endpoint, string request, Frame reply)
    {
        if (reply.Status != IOReturn.Success)
        {
            throw UserClientException.Refused(endpoint, request, reply.Status);
        }

        if (reply.ScalarCount != 1)
        {
            throw Wrong(endpoint, request, $"1 scalar (size in bytes), got {reply.ScalarCount}");
        }

        var size = reply.Scalar(0);
        if (size == 0 || size > long.MaxValue)
        {
            throw Wrong(endpoint, request, $"a size of 1..2^63-1 bytes, got {size}");
        }

        if (reply.Data.IsEmpty || reply.Data.Contains((byte)0))
        {
            throw Wrong(endpoint, request, "a non-empty shm object name without NUL bytes");
        }

        string name;
        try
        {
            name = StrictUtf8.GetString(reply.Data);
        }
        catch (DecoderFallbackException ex)
        {
            throw Wrong(endpoint, request, $"a UTF-8 shm object name ({ex.Message})");
        }

        return (name, (long)size);
    }

    private static UserClientException Wrong(string endpoint, string request, string expected) =>
        new(FaultKind.ProductDefect, IOReturn.Error, endpoint, $"reply to the {request}: expected {expected}");
}
