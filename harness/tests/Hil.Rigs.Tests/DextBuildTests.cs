using Hil.Foundation;

namespace Hil.Rigs.Tests;

public sealed class DextBuildTests
{
    private const string Manifest = """
        { "bundle_id": "com.example.hilprobe.cand", "identity_suffix": "cand", "send_extra_ns": 4000,
          "source_commit": "abc", "built_utc": "2026-12-02T22:00:00Z" }
        """;

    [Test]
    public void A_rig_file_names_a_build_relative_to_itself_and_takes_its_plist_bundle_and_sim_host()
    {
        var dir = Directory.CreateTempSubdirectory("hil-build-").FullName;
        try
        {
            WriteBuild(Path.Combine(dir, "builds", "cand"), Manifest);
            var rig = RigFile.Parse("rig: r\nhost: sim\npower: { a: { kind: numato, port: sim, channels: 1 } }\ndext: { build: builds/cand }\n",
                Path.Combine(dir, "r.yaml"));

            Assert.That(rig.Dext!.BundleId, Is.EqualTo("com.example.hilprobe.cand"));
            Assert.That(rig.Dext.EntitlementToken, Is.EqualTo("com.example.hilprobe.cand"));
            Assert.That(rig.Dext.PlistPath, Is.EqualTo(Path.Combine(dir, "builds", "cand", "Info.plist")));
            Assert.That(rig.Dext.Build!.SimHostPath, Is.EqualTo(Path.Combine(dir, "builds", "cand", "hil-simhost")));
            Assert.That(rig.Dext.Build.SendExtraNs, Is.EqualTo(4000));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Test]
    public void A_build_and_a_plist_in_one_dext_section_are_refused_naming_the_field()
    {
        var dir = Directory.CreateTempSubdirectory("hil-build-").FullName;
        try
        {
            WriteBuild(Path.Combine(dir, "b"), Manifest);
            var ex = Assert.Throws<InputException>(() => RigFile.Parse(
                "rig: r\nhost: sim\npower: { a: { kind: numato, port: sim, channels: 1 } }\ndext: { build: b, plist: x }\n", Path.Combine(dir, "r.yaml")));

            Assert.That(ex!.Message, Does.Contain("dext.plist").And.Contain("'plist' comes from the build"));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Test]
    public void A_missing_file_is_named()
    {
        var dir = Directory.CreateTempSubdirectory("hil-build-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "build.json"), Manifest);
            var ex = Assert.Throws<InputException>(() => DextBuild.Load(dir));

            Assert.That(ex!.Message, Does.Contain(Path.Combine(dir, "Info.plist")).And.Contain("missing"));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [TestCase("{}", "field 'send_extra_ns'")]
    [TestCase("""{ "send_extra_ns": -1 }""", "0 or more; got -1")]
    [TestCase("""{ "send_extra_ns": 0, "bundle_id": 3 }""", "field 'bundle_id' must be the build's bundle id; got 3")]
    [TestCase("[1]", "expected a JSON object")]
    [TestCase("{", "not JSON")]
    public void A_bad_manifest_names_the_file_and_the_field(string json, string expected)
    {
        var ex = Assert.Throws<InputException>(() => DextBuild.Parse(json, "/b"));

        Assert.That(ex!.Message, Does.StartWith("/b/build.json: ").And.Contain(expected));
    }

    [Test]
    public void The_manifest_round_trips()
    {
        var build = DextBuild.Parse(Manifest, "/b");

        Assert.That(DextBuild.Parse(build.ToJson(), "/b"), Is.EqualTo(build));
    }

    private static void WriteBuild(string dir, string manifest)
    {
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "build.json"), manifest);
        File.WriteAllText(Path.Combine(dir, "Info.plist"), "<plist/>");
        File.WriteAllText(Path.Combine(dir, "hil-simhost"), "");
    }
}
