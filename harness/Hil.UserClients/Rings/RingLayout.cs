using System.Globalization;
using Hil.UserClients.Wire;

namespace Hil.UserClients.Rings;

/// <summary>The shared-memory ring header (PROTOCOL.md §5), common to the record and message rings.</summary>
public static class RingLayout
{
    public const ulong Magic = 0x474E495250494C48; // "HLIPRING" little-endian
    public const uint Version = 1;
    public const int MagicOffset = 0;
    public const int VersionOffset = 8;
    public const int SlotSizeOffset = 12;
    public const int CapacityOffset = 16;
    public const int OverflowOffset = 24;
    public const int HeadOffset = 64;
    public const int TailOffset = 128;
    public const int DoorbellOffset = 192;
    public const int SlotsOffset = 256;
    public const int RecordSlotSize = 40;
    public const int MessageSlotSize = 96;

    public static long BytesFor(ulong capacity, int slotSize) => SlotsOffset + ((long)capacity * slotSize);

    /// <summary>Checks a mapped header; returns the capacity. Errors name the header byte and what was expected.</summary>
    public static unsafe ulong Validate(byte* p, long mappedSize, int expectedSlotSize, string ringName)
    {
        if (mappedSize < SlotsOffset)
        {
            throw Bad(0, "mapping size", $">= {SlotsOffset} bytes", $"{mappedSize}", ringName);
        }

        var magic = *(ulong*)(p + MagicOffset);
        if (magic != Magic)
        {
            throw Bad(MagicOffset, "magic", $"0x{Magic:X16} (\"HLIPRING\")", $"0x{magic:X16}", ringName);
        }

        var version = *(uint*)(p + VersionOffset);
        if (version != Version)
        {
            throw Bad(VersionOffset, "version", $"{Version}", $"{version}", ringName);
        }

        var slot = *(uint*)(p + SlotSizeOffset);
        if (slot != expectedSlotSize)
        {
            throw Bad(SlotSizeOffset, "slot size", $"{expectedSlotSize}", $"{slot}", ringName);
        }

        var capacity = *(ulong*)(p + CapacityOffset);
        if (capacity == 0 || !ulong.IsPow2(capacity) || capacity > (ulong)int.MaxValue)
        {
            throw Bad(CapacityOffset, "capacity", "a power of two", $"{capacity}", ringName);
        }

        var needed = BytesFor(capacity, expectedSlotSize);
        if (mappedSize < needed)
        {
            throw Bad(CapacityOffset, "capacity", $"slots that fit the {mappedSize}-byte mapping (needs {needed})", $"{capacity}", ringName);
        }

        return capacity;
    }

    private static WireFormatException Bad(int offset, string field, string expected, string actual, string ringName) =>
        new(offset, field, expected, actual.ToString(CultureInfo.InvariantCulture), ringName + " header");
}
