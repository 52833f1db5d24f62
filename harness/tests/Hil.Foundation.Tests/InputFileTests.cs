using Hil.Foundation;
using Hil.Foundation.Files;
using Hil.TestSupport;

namespace Hil.Foundation.Tests;

/// <summary>What every input reader relies on: only regular files, never more than the cap, never a hang.</summary>
public sealed class InputFileTests : TempFolderTest
{
    [Test]
    public void ReadsARegularFileWithoutItsByteOrderMark()
    {
        var path = Path.Combine(Dir, "a.yaml");
        File.WriteAllBytes(path, [0xEF, 0xBB, 0xBF, (byte)'o', (byte)'k']);
        Assert.That(InputFile.ReadAllText(path, "a rig file", 1024), Is.EqualTo("ok"));
    }

    [Test]
    public void ReadsAnEmptyFile()
    {
        var path = Path.Combine(Dir, "empty");
        File.WriteAllBytes(path, []);
        Assert.That(InputFile.ReadAllBytes(path, "a rig file", 1024), Is.Empty);
    }

    [Test]
    public void RefusesADirectory()
    {
        var e = Assert.Throws<InputException>(() => InputFile.ReadAllText(Dir, "a rig file", 1024));
        Assert.That(e!.Message, Does.Contain("is a directory").And.Contain("a rig file"));
    }

    [Test]
    public void RefusesAMissingFile()
    {
        var e = Assert.Throws<InputException>(() => InputFile.ReadAllText(Path.Combine(Dir, "nope"), "a plist", 1024));
        Assert.That(e!.Message, Does.Contain("not found").And.Contain("a plist"));
    }

    [Test]
    public void RefusesAFileOverTheCap()
    {
        var path = Path.Combine(Dir, "big");
        File.WriteAllBytes(path, new byte[2048]);
        var e = Assert.Throws<InputException>(() => InputFile.ReadAllBytes(path, "a plist", 1024));
        Assert.That(e!.Message, Does.Contain("larger than 1 KiB"));
    }

    [Test]
    public void RefusesADeviceThatNeverEnds()
    {
        var e = Assert.Throws<InputException>(() => InputFile.ReadAllBytes("/dev/zero", "a plist", 1 << 20));
        Assert.That(e!.Message, Does.Contain("not a regular file"));
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task RefusesAFifoWithoutWaitingForAWriter(CancellationToken token)
    {
        var fifo = await MakeFifoAsync("rig.yaml", token);

        // Run off the test thread: were the open to block, the test's CancelAfter names the hang.
        var e = await Task.Run(() => Assert.Throws<InputException>(() => InputFile.ReadAllText(fifo, "a rig file", 1024)), token);
        Assert.That(e!.Message, Does.Contain("not a regular file"));
    }
}
