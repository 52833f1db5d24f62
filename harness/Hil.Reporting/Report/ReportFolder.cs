using Hil.Foundation;

namespace Hil.Reporting;

/// <summary>
/// A report folder is replaced whole, never written over: Allure 3 generating into a folder that
/// already holds a report leaves the new one in an `awesome/` subfolder, so the printed index.html
/// would show the previous run. Generation goes to a hidden sibling; only a finished report is
/// swapped in, so an interrupted generation leaves the previous report as it was.
/// </summary>
internal static class ReportFolder
{
    /// <summary>Written into every report we make: the proof that the folder may be replaced.</summary>
    internal const string MarkerName = ".hil-report";

    /// <summary>The folder to generate into, beside <paramref name="output"/> so the swap is a rename on one file system.</summary>
    public static string StagingFor(string output) => Sibling(output, "new");

    /// <summary>Refuses, naming the folder, to replace anything that is not a report we made.</summary>
    public static void EnsureReplaceable(string output)
    {
        if (File.Exists(output))
        {
            throw new InputException($"--out {output}: is a file; expected a report folder (or a path that does not exist yet)");
        }

        if (!Directory.Exists(output) || !Directory.EnumerateFileSystemEntries(output).Any() || IsOurs(output))
        {
            return;
        }

        throw new InputException(
            $"--out {output}: holds files but no report made by hil (no {MarkerName} and no Allure index.html); refusing to replace it; choose a new or empty folder");
    }

    /// <summary>Moves the finished <paramref name="staging"/> report to <paramref name="output"/>; the old report is deleted only once the new one is in place.</summary>
    public static void Replace(string staging, string output)
    {
        File.WriteAllText(Path.Combine(staging, MarkerName), "made by `hil report`; the next report replaces this whole folder\n");
        if (!Directory.Exists(output))
        {
            Directory.Move(staging, output);
            return;
        }

        var old = Sibling(output, "old");
        Directory.Move(output, old);
        try
        {
            Directory.Move(staging, output);
        }
        catch
        {
            // Put the previous report back: the printed path must never be empty.
            Directory.Move(old, output);
            throw;
        }

        Directory.Delete(old, recursive: true);
    }

    /// <summary>Removes what an unfinished generation left; best effort, the report itself is already decided.</summary>
    public static void Discard(string staging)
    {
        if (Directory.Exists(staging))
        {
            Directory.Delete(staging, recursive: true);
        }
    }

    private static bool IsOurs(string output)
    {
        if (File.Exists(Path.Combine(output, MarkerName)))
        {
            return true;
        }

        // Reports generated before the marker existed: an Allure index.html at the top.
        var index = Path.Combine(output, "index.html");
        return File.Exists(index) && File.ReadAllText(index).Contains("allure", StringComparison.OrdinalIgnoreCase);
    }

    private static string Sibling(string output, string kind)
    {
        var full = Path.TrimEndingDirectorySeparator(output);
        var parent = Path.GetDirectoryName(full) ?? throw new InputException($"--out {output}: a report cannot replace a file system root");
        return Path.Combine(parent, $".{Path.GetFileName(full)}.{kind}-{Guid.NewGuid():N}");
    }
}
