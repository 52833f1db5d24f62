using Hil.Foundation;

namespace Hil.UserClients;

/// <summary>
/// A user-client call could not be made or its answer was wrong. <see cref="HilException.Fault"/>
/// is <see cref="FaultKind.ProductDefect"/> when the driver answered wrongly (refused an
/// open, returned a bad status, broke the wire contract) and <see cref="FaultKind.RigFault"/>
/// when the endpoint or its connection is gone. <see cref="Status"/> is the driver's IOReturn
/// or, for a transport failure, the closest code (Offline: nothing to connect to; NotOpen:
/// the connection died).
/// </summary>
public sealed class UserClientException(
    FaultKind fault, IOReturn status, string endpoint, string message, Exception? inner = null)
    : HilException(fault, $"user client {endpoint}: {message}", inner)
{
    public IOReturn Status { get; } = status;

    public string Endpoint { get; } = endpoint;

    /// <summary>The driver answered <paramref name="status"/> where success was expected.</summary>
    public static UserClientException Refused(string endpoint, string request, IOReturn status) =>
        new(FaultKind.ProductDefect, status, endpoint, $"{request} answered {IOReturnText.Describe(status)}");

    /// <summary>The connection to the endpoint is gone or never came up.</summary>
    public static UserClientException Dead(string endpoint, IOReturn status, string what, Exception? inner = null) =>
        new(FaultKind.RigFault, status, endpoint, what, inner);
}
