using Hil.Foundation;
using Hil.Foundation.Files;
using Hil.Rigs.Parsing;

namespace Hil.Rigs;

/// <summary>
/// Loads rig files (DESIGN.md §4, rigs/README.md) into a validated, immutable <see cref="RigSpec"/>.
/// Every error is an <see cref="InputException"/> whose message reads
/// <c>FILE:LINE:COLUMN: FIELD.PATH: expected …, got …</c>.
/// </summary>
public static class RigFile
{
    /// <summary>Rig files are a few KB; the cap keeps a wrong path from being read into memory.</summary>
    public const int MaxBytes = 1 << 20;

    /// <exception cref="InputException">The file is missing, unreadable or not a valid rig.</exception>
    public static RigSpec Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Parse(InputFile.ReadAllText(path, "a rig file (YAML)", MaxBytes), path, checkFiles: true);
    }

    /// <summary>
    /// Parses <paramref name="yaml"/> as if read from <paramref name="sourcePath"/>: that path names the
    /// file in errors and locates the repository root.
    /// </summary>
    /// <exception cref="InputException">The text is not a valid rig.</exception>
    public static RigSpec Parse(string yaml, string sourcePath) => Parse(yaml, sourcePath, checkFiles: false);

    /// <param name="checkFiles">Whether the files the rig names must exist: yes for a rig on disk, not for text a test builds.</param>
    private static RigSpec Parse(string yaml, string sourcePath, bool checkFiles)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentNullException.ThrowIfNull(sourcePath);
        var fullPath = Path.GetFullPath(sourcePath);
        var root = YamlTreeBuilder.Build(yaml, sourcePath);
        return RigReader.Read(root, sourcePath, fullPath, new RigFolders(FindRepositoryRoot(fullPath), Path.GetDirectoryName(fullPath) ?? FindRepositoryRoot(fullPath), checkFiles));
    }

    /// <summary>
    /// The nearest directory at or above the rig file that holds <see cref="RepositoryRoot.Marker"/>,
    /// else the rig file's own directory (a rig file copied outside the repository keeps working).
    /// </summary>
    public static string FindRepositoryRoot(string rigFilePath)
    {
        var start = Path.GetDirectoryName(Path.GetFullPath(rigFilePath))!;
        return RepositoryRoot.TryFind(start) ?? start;
    }
}
