using System.Globalization;
using Hil.Foundation;
using Hil.UserClients.Wire;

namespace Hil.UserClients;

/// <summary>
/// Argument checks every backend runs before a call leaves the process, so the sim and
/// IOKit paths reject the same mistakes with the same words (the IOConnectCallMethod
/// limits: at most 16 scalars each way).
/// </summary>
public static class CallArguments
{
    /// <summary>Struct input a caller may send; IOKit sends larger ones out of line, the sim inside one frame.</summary>
    public const int MaxStructIn = WireLimits.MaxFrameLength - 64;

    /// <param name="maxStructIn">The backend's struct input limit: <see cref="MaxStructIn"/> in the sim, larger where IOKit sends it out of line.</param>
    public static void Validate(
        string endpoint, uint selector, int scalarsIn, int structIn, int scalarsOut, int maxStructIn = MaxStructIn)
    {
        if (scalarsIn > WireLimits.MaxScalars)
        {
            throw Bad(endpoint, selector, "scalar input count", scalarsIn, WireLimits.MaxScalars);
        }

        if (structIn > maxStructIn)
        {
            throw Bad(endpoint, selector, "struct input size", structIn, maxStructIn);
        }

        if (scalarsOut > WireLimits.MaxScalars)
        {
            throw Bad(endpoint, selector, "scalar output capacity", scalarsOut, WireLimits.MaxScalars);
        }
    }

    /// <summary>How many of <paramref name="available"/> outputs fit in a caller buffer of <paramref name="capacity"/>.</summary>
    public static int Filled(int available, int capacity) => Math.Min(available, capacity);

    private static InputException Bad(string endpoint, uint selector, string what, int got, int max) =>
        new(string.Create(
            CultureInfo.InvariantCulture,
            $"user client {endpoint}, selector {selector}: {what} is {got}, expected <= {max}"));
}
