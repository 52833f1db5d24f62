using Hil.Foundation;
using Hil.TestSupport;

namespace Hil.Rigs.Tests;

/// <summary>Hostile or odd rig files: each is refused with the file (and line where there is one), never a crash or a hang.</summary>
public sealed class RigInputBoundsTests : TempFolderTest
{
    private const string Power = "power: { a: { kind: sim, channels: 1 } }\n";

    [Test]
    public void A_rig_naming_a_missing_plist_is_refused_at_its_line()
    {
        var rig = Write("r.yaml", "rig: r\n" + Power + "dext:\n  plist: nowhere/Info.plist\n  bundle_id: a.b\n");

        var e = Assert.Throws<InputException>(() => RigFile.Load(rig));

        Assert.That(e!.Message, Does.StartWith($"{rig}:4:10: dext.plist:").And.Contain("not found").And.Contain("Info.plist"));
    }

    [Test]
    public void A_rig_naming_a_folder_as_its_plist_is_refused()
    {
        Directory.CreateDirectory(Path.Combine(Dir, "folder"));
        var rig = Write("r.yaml", "rig: r\n" + Power + "dext: { plist: folder, bundle_id: a.b }\n");

        Assert.That(() => RigFile.Load(rig), Throws.TypeOf<InputException>().With.Message.Contain("is a directory"));
    }

    [TestCase("[", "]")]
    [TestCase("{a: ", "}")]
    [TestCase("- ", "")]
    public void Deep_nesting_is_refused_without_overflowing_the_stack(string open, string close)
    {
        const int depth = 100_000;
        var yaml = "rig: r\n" + Power + "sim: " + string.Concat(Enumerable.Repeat(open, depth)) + "x" + string.Concat(Enumerable.Repeat(close, depth)) + "\n";
        var rig = Write("deep.yaml", yaml);

        // A thread with a small stack, so an unbounded recursion would fail here rather than pass by luck.
        Exception? error = null;
        var thread = new Thread(() => error = Catch(() => RigFile.Load(rig)), 256 * 1024);
        thread.Start();
        thread.Join();

        Assert.That(error, Is.TypeOf<InputException>());
        Assert.That(error!.Message, Does.StartWith(rig));
    }

    [Test]
    public void A_rig_file_over_the_size_cap_is_refused()
    {
        var rig = Write("big.yaml", "rig: r\n" + Power + "# " + new string('x', RigFile.MaxBytes) + "\n");

        Assert.That(() => RigFile.Load(rig), Throws.TypeOf<InputException>().With.Message.Contain("larger than 1 MiB"));
    }

    [Test]
    public void A_duration_past_a_day_is_refused_at_its_line()
    {
        var rig = Write("long.yaml", "rig: r\n" + Power + "timeouts:\n  enumerate: 2000h\n");

        var e = Assert.Throws<InputException>(() => RigFile.Load(rig));

        Assert.That(e!.Message, Does.StartWith($"{rig}:4:14: timeouts.enumerate: expected").And.Contain("at most 24h"));
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task A_fifo_as_rig_file_is_refused_without_waiting_for_a_writer(CancellationToken token)
    {
        var fifo = await MakeFifoAsync("rig.yaml", token);

        var error = await Task.Run(() => Catch(() => RigFile.Load(fifo)), token);

        Assert.That(error, Is.TypeOf<InputException>().With.Message.Contain("not a regular file"));
    }

    private static Exception? Catch(Action action)
    {
        try
        {
            action();
            return null;
        }
        catch (Exception e)
        {
            return e;
        }
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(Dir, name);
        File.WriteAllText(path, text);
        return path;
    }
}
