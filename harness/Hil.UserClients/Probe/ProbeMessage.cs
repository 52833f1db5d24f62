using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.CompilerServices;
using Hil.UserClients.Wire;

namespace Hil.UserClients.Probe;

/// <summary>
/// A message Driver1 sends Driver2 (PROTOCOL.md §1): 28 header bytes + report_len (≤ 64)
/// report bytes. The report lives inline, so the struct never touches the heap.
/// </summary>
public readonly struct ProbeMessage
{
    public const int HeaderSize = 28;
    public const int MaxReportLength = 64;
    public const int MaxEncodedSize = HeaderSize + MaxReportLength;

    /// <summary>Completion args before the packed report words: seq, t_sched_ns, t_send_ns, report_len.</summary>
    public const int CompletionHeaderArgs = 4;

    private readonly ReportBytes report;

    public ProbeMessage(ulong seq, ulong tSchedNs, ulong tSendNs, ReadOnlySpan<byte> reportBytes)
    {
        if (reportBytes.Length > MaxReportLength)
        {
            throw new ArgumentOutOfRangeException(nameof(reportBytes), reportBytes.Length, $"a report is at most {MaxReportLength} bytes");
        }

        Seq = seq;
        TSchedNs = tSchedNs;
        TSendNs = tSendNs;
        ReportLength = reportBytes.Length;
        reportBytes.CopyTo(report);
    }

    public ulong Seq { get; }

    public ulong TSchedNs { get; }

    public ulong TSendNs { get; }

    public int ReportLength { get; }

    public int EncodedSize => HeaderSize + ReportLength;

    public int CopyReport(Span<byte> destination)
    {
        ((ReadOnlySpan<byte>)report)[..ReportLength].CopyTo(destination);
        return ReportLength;
    }

    public int Encode(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(destination, Seq);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[8..], TSchedNs);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[16..], TSendNs);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[24..], (uint)ReportLength);
        CopyReport(destination[HeaderSize..]);
        return EncodedSize;
    }

    /// <summary>Accepts exactly 28 + report_len bytes, report_len ≤ 64: a relay that pads or truncates is caught.</summary>
    public static ProbeMessage Decode(ReadOnlySpan<byte> encoded)
    {
        if (encoded.Length < HeaderSize)
        {
            throw Bad(encoded.Length, "header", $"{HeaderSize} bytes", $"{encoded.Length}");
        }

        var len = BinaryPrimitives.ReadUInt32LittleEndian(encoded[24..]);
        if (len > MaxReportLength)
        {
            throw Bad(24, "report_len", $"<= {MaxReportLength}", len.ToString(CultureInfo.InvariantCulture));
        }

        if (encoded.Length != HeaderSize + (int)len)
        {
            throw Bad(HeaderSize, "report bytes", $"exactly {len} (report_len)", $"{encoded.Length - HeaderSize}");
        }

        return new ProbeMessage(
            BinaryPrimitives.ReadUInt64LittleEndian(encoded),
            BinaryPrimitives.ReadUInt64LittleEndian(encoded[8..]),
            BinaryPrimitives.ReadUInt64LittleEndian(encoded[16..]),
            encoded[HeaderSize..]);
    }

    /// <summary>
    /// Turns an app-relay completion's args [seq, t_sched_ns, t_send_ns, report_len, w0..w7]
    /// (report packed 8 bytes per u64, little-endian) straight into an encoded message in
    /// <paramref name="destination"/>; returns its length. Allocation-free: the relay's hot path.
    /// </summary>
    public static int EncodeFromCompletion(ReadOnlySpan<ulong> args, Span<byte> destination)
    {
        if (args.Length < CompletionHeaderArgs)
        {
            throw Bad(args.Length, "completion args", $">= {CompletionHeaderArgs} (seq, t_sched_ns, t_send_ns, report_len)", $"{args.Length}", "completion");
        }

        var len = args[3];
        if (len > MaxReportLength)
        {
            throw Bad(3, "report_len arg", $"<= {MaxReportLength}", len.ToString(CultureInfo.InvariantCulture), "completion");
        }

        var words = ((int)len + 7) / 8;
        if (args.Length != CompletionHeaderArgs + words)
        {
            throw Bad(CompletionHeaderArgs, "report words", $"{words} for report_len {len}", $"{args.Length - CompletionHeaderArgs}", "completion");
        }

        BinaryPrimitives.WriteUInt64LittleEndian(destination, args[0]);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[8..], args[1]);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[16..], args[2]);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[24..], (uint)len);
        Span<byte> word = stackalloc byte[8];
        for (var i = 0; i < words; i++)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(word, args[CompletionHeaderArgs + i]);
            var take = Math.Min(8, (int)len - (i * 8));
            word[..take].CopyTo(destination[(HeaderSize + (i * 8))..]);
        }

        return HeaderSize + (int)len;
    }

    /// <summary>The inverse of <see cref="EncodeFromCompletion"/>: what Driver1 puts in a completion. Returns the arg count.</summary>
    public int ToCompletionArgs(Span<ulong> args)
    {
        args[0] = Seq;
        args[1] = TSchedNs;
        args[2] = TSendNs;
        args[3] = (ulong)ReportLength;
        Span<byte> word = stackalloc byte[8];
        var words = (ReportLength + 7) / 8;
        for (var i = 0; i < words; i++)
        {
            word.Clear();
            var take = Math.Min(8, ReportLength - (i * 8));
            ((ReadOnlySpan<byte>)report).Slice(i * 8, take).CopyTo(word);
            args[CompletionHeaderArgs + i] = BinaryPrimitives.ReadUInt64LittleEndian(word);
        }

        return CompletionHeaderArgs + words;
    }

    private static WireFormatException Bad(int offset, string field, string expected, string actual, string unit = "message") =>
        new(offset, field, expected, actual, unit);

    [InlineArray(MaxReportLength)]
    private struct ReportBytes
    {
        private byte first;
    }
}
