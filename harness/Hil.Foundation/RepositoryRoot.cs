namespace Hil.Foundation;

/// <summary>
/// The checkout the harness runs from: the nearest directory, walking up, that holds
/// Harness.sln. Paths in rig files and build outputs (build/dext/…) are resolved from it.
/// </summary>
public static class RepositoryRoot
{
    public const string Marker = "Harness.sln";

    /// <summary>The root above <paramref name="start"/> (default: the current directory, then the app's base directory), or null.</summary>
    public static string? TryFind(string? start = null)
    {
        foreach (var origin in start is null ? [Directory.GetCurrentDirectory(), AppContext.BaseDirectory] : new[] { start })
        {
            for (var dir = new DirectoryInfo(Path.GetFullPath(origin)); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, Marker)))
                {
                    return dir.FullName;
                }
            }
        }

        return null;
    }

    /// <summary>
    /// <paramref name="path"/> relative to the repository it lies in (found from the path itself), else
    /// unchanged: files the harness writes into the repository (benchmark data, reports) must not
    /// carry one machine's absolute paths.
    /// </summary>
    public static string Relative(string path)
    {
        var full = Path.GetFullPath(path);
        return TryFind(full) is { } root ? Path.GetRelativePath(root, full) : full;
    }

    /// <summary>Like <see cref="TryFind"/> but fails naming where it looked.</summary>
    public static string Find(string? start = null) =>
        TryFind(start) ?? throw new InfrastructureException(
            $"no {Marker} found above '{start ?? Directory.GetCurrentDirectory()}' or '{AppContext.BaseDirectory}': run hil from inside the repository");
}
