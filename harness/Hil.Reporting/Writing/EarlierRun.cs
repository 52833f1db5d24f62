namespace Hil.Reporting.Writing;

/// <summary>
/// Clears an earlier run's Allure files from a results folder that one test assembly keeps to
/// itself (the report UI tests'). The fixtures' folder is cleared under the rig lock
/// (<c>ResultsLayout.ClearRunOutputs</c>); nothing cleared this one, so a second `dotnet test`
/// showed the first run's results as retries. Only Allure's own file names are removed: the
/// folder may be one a user named, and anything else in it is not ours.
/// </summary>
internal static class EarlierRun
{
    private static readonly string[] Patterns = ["*-result.json", "*-container.json", "*-attachment*", .. RunFiles.Names];

    public static void Clear(string directory)
    {
        if (!Directory.Exists(directory))
        {
            return;
        }

        foreach (var file in Patterns.SelectMany(pattern => Directory.EnumerateFiles(directory, pattern, SearchOption.TopDirectoryOnly)))
        {
            File.Delete(file);
        }
    }
}
