using Hil.Foundation;

namespace Hil.Dext;

/// <summary>
/// The repository root is the nearest directory holding Harness.sln. Rig files name the
/// plist and build outputs relative to it, so a test run from bin/ and a CLI run from the
/// checkout resolve the same paths.
/// </summary>
internal static class RepositoryRoot
{
    public const string Marker = "Harness.sln";

    public static string Find(string? start = null)
    {
        var first = start ?? AppContext.BaseDirectory;
        for (var dir = new DirectoryInfo(first); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, Marker)))
            {
                return dir.FullName;
            }
        }

        throw new InfrastructureException($"no {Marker} in {first} or any parent: cannot find the repository root");
    }

    /// <summary>An absolute path stays; a relative one is taken from the repository root.</summary>
    public static string Resolve(string path, string? start = null) =>
        Path.IsPathRooted(path) ? path : Path.GetFullPath(Path.Combine(Find(start), path));
}
