using System.Globalization;
using Hil.Foundation;
using Hil.UserClients.Rings;

namespace Hil.UserClients.Probe;

/// <summary>One row of the probe dext's method table (PROTOCOL.md §4), as IOUserClientMethodDispatch checks it.</summary>
public sealed record ProbeMethod(
    uint Selector, string Name, bool NeedsCompletion, int ScalarsIn, int StructInMin, int StructInMax, int ScalarsOut);

/// <summary>
/// The method table as the harness sees it. The typed client checks its own arguments
/// against it before a call leaves (so a harness bug reads as a harness error, not as a
/// driver's kIOReturnBadArgument) and checks each successful reply's scalar count (a
/// driver answering the wrong shape is a product defect). Both backends share it.
/// </summary>
public static class ProbeMethodTable
{
    /// <summary>The longest shm name HandOverSharedRing takes (the sim's form; the kit's table checks the same).</summary>
    public const int HandOverNameMax = 255;

    /// <summary>
    /// HandOverSharedRing's struct input on IOKit is the ring's memory itself: the header and at
    /// most 2^20 message slots, rounded up to a 16 KiB page as a mapping is.
    /// </summary>
    public const int HandOverMaxBytes = (RingLayout.SlotsOffset + ((1 << 20) * RingLayout.MessageSlotSize) + 16383) & ~16383;

    public static IReadOnlyList<ProbeMethod> Methods { get; } =
    [
        new(ProbeSelectors.OpenSession, "OpenSession", false, 1, 0, 0, 4),
        new(ProbeSelectors.Configure, "Configure", false, 4, 0, 0, 0),
        new(ProbeSelectors.StartBurst, "StartBurst", false, 3, 0, 0, 0),
        new(ProbeSelectors.StopBurst, "StopBurst", false, 0, 0, 0, 1),
        new(ProbeSelectors.InjectReport, "InjectReport", false, 0, 1, ProbeMessage.MaxReportLength, 1),
        new(ProbeSelectors.ReadCounters, "ReadCounters", false, 0, 0, 0, 8),
        new(ProbeSelectors.MapRecordRing, "MapRecordRing", false, 0, 0, 0, 3),
        new(ProbeSelectors.SetFeatureReport, "SetFeatureReport", false, 0, 1, ProbeMessage.MaxReportLength, 0),
        new(ProbeSelectors.GetFeatureReport, "GetFeatureReport", false, 0, 0, 0, 0),
        new(ProbeSelectors.RegisterCompletion, "RegisterCompletion", true, 0, 0, 0, 0),
        new(ProbeSelectors.DeliverMessage, "DeliverMessage", false, 0, ProbeMessage.HeaderSize, ProbeMessage.MaxEncodedSize, 0),
        new(ProbeSelectors.HandOverSharedRing, "HandOverSharedRing", false, 1, 1, HandOverMaxBytes, 0),
        new(ProbeSelectors.MapSharedRing, "MapSharedRing", false, 1, 0, 0, 3),
        new(ProbeSelectors.SetFault, "SetFault", false, 2, 0, 0, 0),
        new(ProbeSelectors.ResetCounters, "ResetCounters", false, 0, 0, 0, 0),
        new(ProbeSelectors.ReadLastReport, "ReadLastReport", false, 0, 0, 0, 2),
    ];

    public static ProbeMethod Get(uint selector) =>
        selector < (uint)Methods.Count
            ? Methods[(int)selector]
            : throw new InputException(string.Create(
                CultureInfo.InvariantCulture, $"probe selector {selector}: expected 0..{Methods.Count - 1}"));

    /// <summary>Throws <see cref="InputException"/> naming the method and the argument when a call does not fit its row.</summary>
    public static ProbeMethod CheckCall(uint selector, int scalarsIn, int structIn, bool hasCompletion)
    {
        var m = Get(selector);
        if (m.NeedsCompletion != hasCompletion)
        {
            throw Bad(m, hasCompletion ? "a completion it does not take" : "no completion, it needs one");
        }

        if (scalarsIn != m.ScalarsIn)
        {
            throw Bad(m, $"{scalarsIn} scalar input(s), expected {m.ScalarsIn}");
        }

        if (structIn < m.StructInMin || structIn > m.StructInMax)
        {
            throw Bad(m, $"{structIn} struct input byte(s), expected {m.StructInMin}..{m.StructInMax}");
        }

        return m;
    }

    private static InputException Bad(ProbeMethod m, string what) =>
        new(string.Create(CultureInfo.InvariantCulture, $"probe {m.Name} (selector {m.Selector}): called with {what}"));
}
