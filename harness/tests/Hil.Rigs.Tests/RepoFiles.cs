namespace Hil.Rigs.Tests;

/// <summary>Finds files of this repository from the test's output directory.</summary>
internal static class RepoFiles
{
    public static string Root => RigFile.FindRepositoryRoot(Path.Combine(TestContext.CurrentContext.TestDirectory, "probe"));

    public static string Path_(params string[] parts) => Path.Combine([Root, .. parts]);
}
