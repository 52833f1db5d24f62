namespace Hil.Cli.Doctor;

/// <summary>What doctor may ask of the host; a seam so its decisions are tested without touching the machine.</summary>
internal interface IHostProbe
{
    /// <summary>Full path of an executable on PATH, or null.</summary>
    string? FindOnPath(string command);

    bool FileExists(string path);

    bool IsMacOS { get; }
}

internal sealed class HostProbe : IHostProbe
{
    public bool IsMacOS => OperatingSystem.IsMacOS();

    public bool FileExists(string path) => File.Exists(path) || Directory.Exists(path);

    public string? FindOnPath(string command)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, command))
            .FirstOrDefault(File.Exists);
    }
}
