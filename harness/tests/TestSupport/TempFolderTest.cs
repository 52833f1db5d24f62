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

    /// <summary>A FIFO named <paramref name="name"/> in <see cref="Dir"/>, with no writer: an input path that hangs a plain open.</summary>
    protected async Task<string> MakeFifoAsync(string name, CancellationToken token)
    {
        var fifo = Path.Combine(Dir, name);
        using var mkfifo = System.Diagnostics.Process.Start("mkfifo", [fifo]);
        await mkfifo.WaitForExitAsync(token).ConfigureAwait(false);
        Assert.That(mkfifo.ExitCode, Is.Zero, $"mkfifo {fifo}");
        return fifo;
    }

    [TearDown]
    public void RemoveTempFolder() => Directory.Delete(Dir, recursive: true);
}
