using System.Text;
using Microsoft.Win32.SafeHandles;

namespace Hil.Foundation.Files;

/// <summary>
/// The one way an input file (rig file, plist, measurement or baseline file, run config) is read:
/// a regular file only, never more than a cap. A FIFO would block the open until a writer comes
/// (a hang), a device such as /dev/zero never ends (memory), so both are refused before any work
/// starts, with the path and what was expected. Every error is an <see cref="InputException"/>.
/// </summary>
public static class InputFile
{
    /// <summary>Reads the whole file as bytes.</summary>
    /// <param name="what">What the file should be, for errors: "the rig file", "a measurement file".</param>
    /// <param name="maxBytes">Larger files are refused: the caller knows its format's sane size.</param>
    public static byte[] ReadAllBytes(string path, string what, int maxBytes)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBytes);
        CheckExists(path, what);
        try
        {
            using var handle = OpenNonBlocking(path, what);
            return ReadCapped(handle, path, what, maxBytes);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"{path}: cannot read {what}: {e.Message}", e);
        }
    }

    /// <summary>As <see cref="ReadAllBytes"/>, decoded as UTF-8 without its byte-order mark (as File.ReadAllText reads it).</summary>
    public static string ReadAllText(string path, string what, int maxBytes)
    {
        var bytes = ReadAllBytes(path, what, maxBytes).AsSpan();
        return Encoding.UTF8.GetString(bytes.StartsWith(Encoding.UTF8.Preamble) ? bytes[3..] : bytes);
    }

    /// <summary>Refuses what cannot be read as a file: nothing there, a directory.</summary>
    public static void CheckExists(string path, string what)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.Length == 0)
        {
            throw new InputException($"an empty path given for {what}");
        }

        if (Directory.Exists(path))
        {
            throw new InputException($"{path}: is a directory; expected {what}");
        }

        if (!File.Exists(path))
        {
            throw new InputException($"{path}: not found; expected {what}");
        }
    }

    private static SafeFileHandle OpenNonBlocking(string path, string what)
    {
        if (OperatingSystem.IsWindows())
        {
            return File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        }

        // O_NONBLOCK so a FIFO's open returns at once instead of waiting for a writer.
        var fd = InputFileNative.Open(path, InputFileNative.ReadOnlyNonBlocking);
        return fd >= 0
            ? new SafeFileHandle(fd, ownsHandle: true)
            : throw new InputException($"{path}: cannot open {what}: {System.Runtime.InteropServices.Marshal.GetLastPInvokeErrorMessage()}");
    }

    private static byte[] ReadCapped(SafeFileHandle handle, string path, string what, int maxBytes)
    {
        using var stream = new FileStream(handle, FileAccess.Read, bufferSize: 0);

        // A FIFO, socket or terminal cannot seek; a regular file and some devices can.
        if (!stream.CanSeek)
        {
            throw NotRegular(path, what);
        }

        var length = stream.Length;
        if (length > maxBytes)
        {
            throw new InputException($"{path}: larger than {Size(maxBytes)}; expected {what}, which is far smaller");
        }

        var buffer = new byte[(int)length + 1];
        var total = 0;
        for (int read; (read = stream.Read(buffer.AsSpan(total))) > 0;)
        {
            total += read;
            if (total > length)
            {
                // More than its size says: a device (/dev/zero, /dev/urandom), not a file.
                throw NotRegular(path, what);
            }
        }

        return buffer.AsSpan(0, total).ToArray();
    }

    private static InputException NotRegular(string path, string what) =>
        new($"{path}: not a regular file (a FIFO, socket or device); expected {what}");

    private static string Size(int bytes) =>
        bytes >= 1 << 20 ? $"{bytes >> 20} MiB" : bytes >= 1 << 10 ? $"{bytes >> 10} KiB" : $"{bytes} bytes";
}
