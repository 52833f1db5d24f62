using System.Diagnostics;

namespace Hil.Session.Locking;

/// <summary>Whether a recorded lock holder still runs on this host.</summary>
internal static class ProcessProbe
{
    /// <summary>
    /// True when <paramref name="pid"/> runs and started no later than the lock did. The start
    /// check matters after a reboot: the recorded pid may now belong to an unrelated process.
    /// </summary>
    public static bool IsAlive(int pid, DateTimeOffset lockStarted)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            if (IsZombie(pid))
            {
                return false;
            }

            var started = new DateTimeOffset(process.StartTime.ToUniversalTime(), TimeSpan.Zero);
            return started <= lockStarted + TimeSpan.FromSeconds(2);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    // A killed child its parent has not reaped yet still has a /proc entry; it holds nothing.
    private static bool IsZombie(int pid)
    {
        var stat = $"/proc/{pid}/stat";
        try
        {
            var text = File.Exists(stat) ? File.ReadAllText(stat) : "";
            var afterName = text.LastIndexOf(')');
            return afterName > 0 && afterName + 2 < text.Length && text[afterName + 2] == 'Z';
        }
        catch (IOException)
        {
            return false;
        }
    }
}
