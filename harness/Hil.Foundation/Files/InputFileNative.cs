using System.Runtime.InteropServices;

namespace Hil.Foundation.Files;

/// <summary>open(2) with flags .NET's file API does not offer (O_NONBLOCK), for <see cref="InputFile"/>.</summary>
internal static partial class InputFileNative
{
    /// <summary>O_RDONLY | O_NONBLOCK | O_CLOEXEC; the flag values differ between Linux and macOS.</summary>
    public static int ReadOnlyNonBlocking => OperatingSystem.IsMacOS() ? 0x4 | 0x1000000 : 0x800 | 0x80000;

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int Open(string path, int flags);
}
