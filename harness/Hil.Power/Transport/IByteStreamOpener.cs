using Hil.Rigs;

namespace Hil.Power;

/// <summary>Line settings a serial board needs; CDC boards ignore the baud rate.</summary>
public sealed record SerialLine(int BaudRate);

/// <summary>
/// Resolves a switch's <c>port</c> to a byte stream: a serial device path on real rigs, or
/// <c>sim</c> resolved by the sim's opener to an emulator in memory. Drivers only ever see
/// the stream, so the same protocol code runs against hardware and emulators.
/// </summary>
public interface IByteStreamOpener
{
    Task<Stream> OpenAsync(PowerSwitchSpec spec, SerialLine line, CancellationToken cancellationToken);
}
