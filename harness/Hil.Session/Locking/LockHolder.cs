using System.Globalization;
using System.Text;

namespace Hil.Session.Locking;

/// <summary>Who holds a rig: written beside the lock so a waiting session can name the holder.</summary>
internal sealed record LockHolder(int ProcessId, string Host, DateTimeOffset Started, string Rig)
{
    public override string ToString() =>
        $"pid {ProcessId} on host {Host} since {Started.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)}";

    public string Format()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"pid={ProcessId}\n");
        text.Append(CultureInfo.InvariantCulture, $"host={Host}\n");
        text.Append(CultureInfo.InvariantCulture, $"started={Started.ToUnixTimeMilliseconds()}\n");
        text.Append(CultureInfo.InvariantCulture, $"rig={Rig}\n");
        return text.ToString();
    }

    /// <summary>Null for a record that is missing, half-written or not ours.</summary>
    public static LockHolder? TryParse(string text)
    {
        var fields = text.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('=', 2))
            .Where(kv => kv.Length == 2)
            .GroupBy(kv => kv[0], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Last()[1], StringComparer.Ordinal);
        return fields.TryGetValue("pid", out var pid) && int.TryParse(pid, CultureInfo.InvariantCulture, out var id)
            && fields.TryGetValue("started", out var started) && long.TryParse(started, CultureInfo.InvariantCulture, out var ms)
            && fields.TryGetValue("host", out var host)
            ? new LockHolder(id, host, DateTimeOffset.FromUnixTimeMilliseconds(ms), fields.GetValueOrDefault("rig", ""))
            : null;
    }
}
