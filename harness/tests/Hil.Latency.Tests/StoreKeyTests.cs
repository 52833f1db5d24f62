using Hil.Foundation;
using Hil.Latency.Baselines;
using Hil.Latency.Files;

namespace Hil.Latency.Tests;

/// <summary>A key comes from a measurement file anyone can write: it must never name a path outside the store.</summary>
public sealed class StoreKeyTests : TempFolderTest
{
    [TestCase("..", "app-relay", "0.1.0", "os", "rig")]
    [TestCase("sim", "..", "0.1.0", "os", "topology")]
    [TestCase("sim", "a/b", "0.1.0", "os", "topology")]
    [TestCase("sim", "app-relay", "a\\b", "os", "dext_version")]
    [TestCase("sim", "app-relay", "0.1.0", ".hidden", "os_build")]
    [TestCase("sim", "app-relay", "0.1.0", "os\0x", "os_build")]
    public void A_key_part_that_cannot_name_a_folder_is_refused_naming_its_field_and_nothing_is_touched(string rig, string topology, string dext, string os, string field)
    {
        var store = new BaselineStore(Path.Combine(Dir, "store"), cap: 1);
        var victimFolder = Path.Combine(Dir, "victim");
        Directory.CreateDirectory(victimFolder);
        var victim = Path.Combine(victimFolder, "run-0001.json");
        File.WriteAllText(victim, "keep me");
        var run = Synthetic.Run(Synthetic.LogNormal(200, 40_000, 0.3, 1), new RunKey(rig, topology, dext, os));

        var e = Assert.Throws<InputException>(() => store.Save(run));

        Assert.Multiple(() =>
        {
            Assert.That(e!.Message, Does.Contain($"field '{field}'").And.Contain("cannot name a folder"));
            Assert.That(File.ReadAllText(victim), Is.EqualTo("keep me"));
            Assert.That(Directory.EnumerateFiles(Dir, "*.json", SearchOption.AllDirectories), Is.EqualTo(new[] { victim }));
        });
    }

    [Test]
    public void Dot_dot_in_a_typed_key_is_refused_too()
    {
        var e = Assert.Throws<InputException>(() => new BaselineStore(Dir).Resolve("../../x/y"));
        Assert.That(e!.Message, Does.Contain("field 'rig' is '..'"));
    }

    [Test]
    public void A_legit_key_with_odd_characters_is_stored_under_the_root()
    {
        var store = new BaselineStore(Dir);
        var run = Synthetic.Run(Synthetic.LogNormal(200, 40_000, 0.3, 1), new RunKey("sim default", "app-relay", "1.2.3", "Darwin 24.1.0"));
        var path = store.Save(run);
        Assert.Multiple(() =>
        {
            Assert.That(path, Is.EqualTo(Path.Combine(store.Root, "sim_default", "app-relay", "1.2.3__Darwin_24.1.0", "run-0001.json")));
            Assert.That(store.Load(run.Key).Single().Key, Is.EqualTo(run.Key));
        });
    }
}
