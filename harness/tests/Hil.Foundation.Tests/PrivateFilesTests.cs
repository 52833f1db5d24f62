using Hil.TestSupport;

namespace Hil.Foundation.Tests;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class PrivateFilesTests : TempFolderTest
{
    private static readonly UnixFileMode Others = (UnixFileMode)0x3F;

    [Test]
    public void A_lock_file_that_is_a_link_is_refused_and_its_target_untouched()
    {
        var target = Path.Combine(Dir, "precious");
        File.WriteAllText(target, "keep me");
        File.CreateSymbolicLink(Path.Combine(Dir, "r.lock"), target);

        Assert.That(() => PrivateFiles.TryOpenLocked(Path.Combine(Dir, "r.lock")),
            Throws.InstanceOf<IOException>().With.Message.Contains("r.lock").And.Message.Contains("link"));
        Assert.That(File.ReadAllText(target), Is.EqualTo("keep me"));
    }

    [Test]
    public void A_held_lock_is_not_taken_twice()
    {
        var path = Path.Combine(Dir, "r.lock");
        using var first = PrivateFiles.TryOpenLocked(path);

        Assert.That(first, Is.Not.Null);
        Assert.That(PrivateFiles.TryOpenLocked(path), Is.Null);
        Assert.That(File.GetUnixFileMode(path) & Others, Is.EqualTo((UnixFileMode)0));
    }

    [Test]
    public void A_folder_of_ours_open_to_others_is_tightened_and_a_link_is_refused()
    {
        var open = Path.Combine(Dir, "open");
        Directory.CreateDirectory(open);
        File.SetUnixFileMode(open, (UnixFileMode)Convert.ToInt32("777", 8));
        var log = new List<string>();

        PrivateFiles.EnsurePrivateDirectory(open, log.Add);
        var link = Path.Combine(Dir, "link");
        Directory.CreateSymbolicLink(link, open);

        Assert.That(File.GetUnixFileMode(open) & Others, Is.EqualTo((UnixFileMode)0));
        Assert.That(log, Has.One.Contains("tightened mode 777 to 0700"));
        Assert.That(() => PrivateFiles.EnsurePrivateDirectory(link, log.Add),
            Throws.TypeOf<InputException>().With.Message.Contains("a symbolic link"));
    }
}
