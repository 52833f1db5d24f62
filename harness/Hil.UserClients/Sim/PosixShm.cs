using System.Runtime.InteropServices;
using Hil.Foundation;

namespace Hil.UserClients.Sim;

/// <summary>
/// shm_open + mmap from libc for macOS, where shm objects are not files.
/// VERIFIED ONLY ON A MAC: on Linux this compiles but never runs (SharedMemory picks /dev/shm).
/// </summary>
internal sealed unsafe partial class PosixShm : IMappedMemory
{
    private const int ORdWr = 0x2;
    private const int ProtReadWrite = 0x1 | 0x2;
    private const int MapShared = 0x1;
    private static readonly nint MapFailed = -1;

    private byte* basePointer;

    private PosixShm(string name, long size, byte* pointer)
    {
        Name = name;
        Size = size;
        basePointer = pointer;
    }

    public string Name { get; }

    public long Size { get; }

    public byte* Pointer
    {
        get
        {
            ObjectDisposedException.ThrowIf(basePointer == null, this);
            return basePointer;
        }
    }

    public static PosixShm Map(string endpoint, string name, long size)
    {
        var fd = ShmOpen(name, ORdWr);
        if (fd < 0)
        {
            throw Failed(endpoint, $"shm_open({name})");
        }

        try
        {
            var p = Mmap(0, (nuint)size, ProtReadWrite, MapShared, fd, 0);
            return p == MapFailed ? throw Failed(endpoint, $"mmap of {name} ({size} bytes)") : new PosixShm(name, size, (byte*)p);
        }
        finally
        {
            _ = Close(fd);
        }
    }

    public void Dispose()
    {
        if (basePointer != null)
        {
            _ = Munmap((nint)basePointer, (nuint)Size);
            basePointer = null;
        }
    }

    private static UserClientException Failed(string endpoint, string what) =>
        new(FaultKind.ProductDefect, IOReturn.Error, endpoint, $"{what} failed: errno {Marshal.GetLastPInvokeError()}");

    // shm_open is variadic; its mode argument is read only with O_CREAT, so it is left out
    // rather than passed in a register where arm64 macOS would expect it on the stack.
    [LibraryImport("libc", EntryPoint = "shm_open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int ShmOpen(string name, int flags);

    [LibraryImport("libc", EntryPoint = "mmap", SetLastError = true)]
    private static partial nint Mmap(nint addr, nuint length, int prot, int flags, int fd, long offset);

    [LibraryImport("libc", EntryPoint = "munmap", SetLastError = true)]
    private static partial int Munmap(nint addr, nuint length);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);
}
