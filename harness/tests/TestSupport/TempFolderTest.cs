namespace Hil.TestSupport;

/// <summary>
/// A fresh temporary folder for each test, removed after it: the set-up every test of files
/// (atomic writes, stores, run summaries, run configs) needs. Linked into each test project by
/// Directory.Build.targets, so the projects share it without referencing each other.
/// </summary>
public abstract class TempFolderTest
{
    /// <summary>The folder of the running test; empty when it starts.</summary>
    protected string Dir { get; private set; } = null!;

    [SetUp]
    public void CreateTempFolder() => Dir = Directory.CreateTempSubdirectory($"hil-{GetType().Name}-").FullName;

    [TearDown]
    public void RemoveTempFolder() => Directory.Delete(Dir, recursive: true);
}
