using System.Globalization;
using Hil.UserClients.Wire;

namespace Hil.UserClients.Sim;

/// <summary>Names a request in errors; a struct so the hot path builds no string unless something fails.</summary>
internal readonly record struct RequestLabel(FrameKind Kind, uint Number)
{
    public override string ToString() => Kind switch
    {
        FrameKind.Map => string.Create(CultureInfo.InvariantCulture, $"map of memoryType {Number}"),
        FrameKind.Open => string.Create(CultureInfo.InvariantCulture, $"open (type {Number})"),
        FrameKind.CallAsync => string.Create(CultureInfo.InvariantCulture, $"async call to selector {Number}"),
        _ => string.Create(CultureInfo.InvariantCulture, $"call to selector {Number}"),
    };
}
