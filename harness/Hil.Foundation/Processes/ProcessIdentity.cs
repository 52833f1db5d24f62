using System.Globalization;

namespace Hil.Foundation.Processes;

/// <summary>
/// A pid names a process only while it lives; the pid plus its start time names it for good, so a
/// record left by a dead run never lets a later run signal an unrelated process that reused the pid.
/// </summary>
public static class ProcessIdentity
{
    /// <summary>
    /// The start time of <paramref name="pid"/> in the OS's own units (clock ticks after boot on Linux,
    /// .NET ticks elsewhere); null when it is gone or a zombie (it holds nothing any more).
    /// </summary>
    public static long? StartOf(int pid)
    {
        if (pid <= 0)
        {
            return null;
        }

        return OperatingSystem.IsLinux() ? LinuxStartOf(pid) : PortableStartOf(pid);
    }

    /// <summary>True when <paramref name="pid"/> still is the process that started at <paramref name="start"/>.</summary>
    public static bool IsSame(int pid, long start) => StartOf(pid) == start;

    /// <summary>The parent pid from /proc (Linux); null elsewhere or when gone.</summary>
    internal static int? ParentOf(int pid) =>
        OperatingSystem.IsLinux() && StatFields(pid) is { } fields && int.TryParse(fields[1], CultureInfo.InvariantCulture, out var ppid)
            ? ppid
            : null;

    /// <summary>The process's command name from /proc (Linux, at most 15 characters); null elsewhere or when gone.</summary>
    internal static string? NameOf(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/stat");
            var open = text.IndexOf('(', StringComparison.Ordinal);
            var close = text.LastIndexOf(')');
            return open < 0 || close < open ? null : text[(open + 1)..close];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static long? LinuxStartOf(int pid)
    {
        // Fields after the command name: state is [0], ppid [1], starttime [19] (field 22 of proc(5)).
        var fields = StatFields(pid);
        return fields is null || fields[0] == "Z" || fields.Length < 20
            || !long.TryParse(fields[19], CultureInfo.InvariantCulture, out var ticks)
            ? null
            : ticks;
    }

    private static string[]? StatFields(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/stat");

            // The command name is in parentheses and may itself hold spaces or ')'.
            var afterName = text.LastIndexOf(')');
            return afterName < 0 ? null : text[(afterName + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static long? PortableStartOf(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return process.HasExited ? null : process.StartTime.ToUniversalTime().Ticks;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
