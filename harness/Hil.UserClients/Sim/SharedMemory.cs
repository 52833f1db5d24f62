using System.IO.MemoryMappedFiles;
using Hil.Foundation;

namespace Hil.UserClients.Sim;

/// <summary>
/// Maps a POSIX shm object a sim driver named in a map reply. Linux exposes shm objects as
/// files under /dev/shm, so the portable MemoryMappedFile path works there; macOS has no
/// such directory and goes through shm_open + mmap (<see cref="PosixShm"/>).
/// </summary>
internal static class SharedMemory
{
    public static IMappedMemory Open(string endpoint, string name, long size)
    {
        var bare = name.StartsWith('/') ? name[1..] : name;
        if (bare.Length == 0 || bare.Contains('/', StringComparison.Ordinal) || bare is "." or "..")
        {
            throw new UserClientException(
                FaultKind.ProductDefect, IOReturn.Error, endpoint,
                $"shm object name '{name}': expected '/<name>' with no further '/'");
        }

        return OperatingSystem.IsMacOS() ? PosixShm.Map(endpoint, name, size) : DevShmMapping.Map(endpoint, bare, size);
    }
}

/// <summary>A /dev/shm file mapped read-write; the pointer stays valid until Dispose.</summary>
internal sealed unsafe class DevShmMapping : IMappedMemory
{
    private readonly MemoryMappedFile file;
    private readonly MemoryMappedViewAccessor view;
    private readonly byte* basePointer;
    private bool disposed;

    private DevShmMapping(string name, long size, MemoryMappedFile file, MemoryMappedViewAccessor view)
    {
        Name = name;
        Size = size;
        this.file = file;
        this.view = view;
        byte* p = null;
        view.SafeMemoryMappedViewHandle.AcquirePointer(ref p);
        basePointer = p + view.PointerOffset;
    }

    public string Name { get; }

    public long Size { get; }

    public byte* Pointer
    {
        get
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            return basePointer;
        }
    }

    /// <summary>Linux root for shm objects; tests point it elsewhere only by creating objects there.</summary>
    public static string Root => "/dev/shm";

    public static DevShmMapping Map(string endpoint, string bareName, long size)
    {
        var path = Path.Combine(Root, bareName);
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new UserClientException(
                FaultKind.ProductDefect, IOReturn.Error, endpoint, $"shm object {path} named by the map reply does not exist");
        }

        if (info.Length < size)
        {
            // Mapping past the end would grow the file behind the driver's back.
            throw new UserClientException(
                FaultKind.ProductDefect, IOReturn.Error, endpoint,
                $"shm object {path} is {info.Length} bytes, the map reply said {size}");
        }

        var file = MemoryMappedFile.CreateFromFile(path, FileMode.Open, null, 0, MemoryMappedFileAccess.ReadWrite); // 0: the file's own size
        try
        {
            return new DevShmMapping("/" + bareName, size, file, file.CreateViewAccessor(0, size, MemoryMappedFileAccess.ReadWrite));
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        view.SafeMemoryMappedViewHandle.ReleasePointer();
        view.Dispose();
        file.Dispose();
    }
}
