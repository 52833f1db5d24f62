using System.Runtime.InteropServices;
using Hil.Foundation.Processes;

namespace Hil.Foundation;

/// <summary>
/// Files only this user may touch: a folder that must be ours with mode 0700, and a lock file opened
/// without following links. Someone else who creates a shared folder first (or plants a link in it)
/// must not be able to make a run, root's included, truncate a file they chose.
/// </summary>
public static class PrivateFiles
{
    private const int TypeMask = 0xF000;
    private const int Directory = 0x4000;

    /// <summary>
    /// Creates <paramref name="dir"/> with 0700 if needed. Ours but open to others: tightened to 0700 and
    /// logged. A link, not a folder, or owned by another user: refused naming the owner and mode.
    /// </summary>
    /// <exception cref="InputException">The folder is not one this user alone controls.</exception>
    public static void EnsurePrivateDirectory(string dir, Action<string> log)
    {
        ArgumentNullException.ThrowIfNull(log);
        if (OperatingSystem.IsWindows())
        {
            System.IO.Directory.CreateDirectory(dir);
            return;
        }

        if (!System.IO.Directory.Exists(dir) && !File.Exists(dir))
        {
            System.IO.Directory.CreateDirectory(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        if (Posix.LStat(dir, out var status) != 0)
        {
            throw new InputException($"{dir}: cannot stat the lock folder (errno {Marshal.GetLastPInvokeError()})");
        }

        var me = Posix.GetEffectiveUserId();
        if ((status.Mode & TypeMask) != Directory || status.Uid != me)
        {
            throw new InputException(
                $"{dir}: expected a folder owned by uid {me} with mode 0700, found {Kind(status.Mode)} owned by uid {status.Uid} "
                + $"with mode {Convert.ToString(status.Mode & 0xFFF, 8)}; set HIL_LOCK_DIR to a folder of your own");
        }

        if ((status.Mode & 0x3F) != 0)
        {
            File.SetUnixFileMode(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            log($"{dir}: tightened mode {Convert.ToString(status.Mode & 0xFFF, 8)} to 0700 (lock folders are private)");
        }
    }

    /// <summary>
    /// Opens (creating with 0600) <paramref name="path"/> without following a link and takes an exclusive,
    /// non-blocking flock on it; null when another process holds the lock.
    /// </summary>
    /// <exception cref="IOException">The path is a link or cannot be opened; the message names it.</exception>
    public static FileStream? TryOpenLocked(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }

        var fd = Posix.Open(path, Posix.OpenLockFlags(), Convert.ToInt32("600", 8));
        if (fd < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw new IOException($"{path}: cannot open the lock file without following links ({Marshal.GetPInvokeErrorMessage(errno)}); "
                + "a symbolic link there is refused");
        }

        if (Posix.Flock(fd, Posix.LockExclusive | Posix.LockNonBlocking) != 0)
        {
            _ = Posix.Close(fd);
            return null;
        }

        return new FileStream(new Microsoft.Win32.SafeHandles.SafeFileHandle(fd, ownsHandle: true), FileAccess.ReadWrite);
    }

    private static string Kind(int mode) => (mode & TypeMask) switch
    {
        0xA000 => "a symbolic link",
        Directory => "a folder",
        _ => "not a folder",
    };
}
