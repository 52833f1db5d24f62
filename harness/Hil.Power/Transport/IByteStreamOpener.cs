using Hil.Rigs;

namespace Hil.Power;

/// <summary>Line settings a serial board needs (8 data bits, no parity); CDC boards ignore them.</summary>
public sealed record SerialLine(int BaudRate, int StopBits = 1);

/// <summary>
/// Resolves a switch's <c>port</c> to a byte stream: a serial device path on real rigs, or
/// <c>sim</c> resolved by the sim's opener to an emulator in memory. Drivers only ever see
/// the stream, so the same protocol code runs against hardware and emulators.
/// </summary>
public interface IByteStreamOpener
{
    Task<Stream> OpenAsync(PowerSwitchSpec spec, SerialLine line, CancellationToken cancellationToken);
}
