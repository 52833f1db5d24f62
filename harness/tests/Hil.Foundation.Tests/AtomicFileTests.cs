using Hil.Foundation;

namespace Hil.Foundation.Tests;

public sealed class AtomicFileTests : TempFolderTest
{
    [Test]
    public void Writing_creates_missing_directories_and_leaves_no_temporary_file()
    {
        var path = Path.Combine(Dir, "a", "b", "result.json");
        AtomicFile.WriteAllText(path, "{}");

        Assert.That(File.ReadAllText(path), Is.EqualTo("{}"));
        Assert.That(Directory.GetFiles(Path.GetDirectoryName(path)!), Is.EqualTo(new[] { path }));
    }

    [Test]
    public void Rewriting_replaces_the_whole_file()
    {
        var path = Path.Combine(Dir, "r.txt");
        AtomicFile.WriteAllText(path, new string('x', 10_000));
        AtomicFile.WriteAllText(path, "short");

        Assert.That(File.ReadAllText(path), Is.EqualTo("short"));
    }

    [Test]
    public void Text_is_utf8_without_a_byte_order_mark()
    {
        var path = Path.Combine(Dir, "u.txt");
        AtomicFile.WriteAllText(path, "µs");

        Assert.That(File.ReadAllBytes(path), Is.EqualTo(new byte[] { 0xC2, 0xB5, (byte)'s' }));
    }
}
